# METADATA
# title: Internet-exposed VM with a privileged managed identity
# description: >-
#   A VM the internet reaches has a managed identity holding Owner, Contributor or User
#   Access Administrator: whoever runs code on the VM gets tokens for that role from the
#   instance metadata service.
# custom:
#   id: PATH-AZ-002
#   severity: CRITICAL
#   provider: azure
#   remediation: >-
#     Close the VM's NSGs to the internet (use Azure Bastion) and give its identity only
#     data-plane roles on the resources it needs.
package cspm.paths.azure.vm_privileged_identity

import data.cspm.lib.paths as walk
import rego.v1

paths contains path if {
	some key in walk.of_type("azurerm_virtual_machine")
	walk.maybe_exposed(key)
	some chain in walk.identity_chains(key)
	target := chain[count(chain) - 1]
	path := {
		"entry": "internet",
		"steps": array.concat(
			array.concat(walk.route(key), [{"resource": key, "why": "reachable from the internet"}]),
			array.slice(walk.chain_steps(key, chain), 0, count(chain) - 1),
		),
		"target": {"resource": target, "why": object.get(input.graph.nodes[target], "privilege_reason", "privileges not collected")},
	}
}
