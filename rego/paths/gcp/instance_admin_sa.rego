# METADATA
# title: Internet-exposed instance running as an owner or editor service account
# description: >-
#   An instance the internet reaches runs as a service account with roles/owner or
#   roles/editor, and its access scopes let it use them (cloud-platform): code on the
#   instance gets the project's keys from the metadata server.
# custom:
#   id: PATH-GCP-001
#   severity: CRITICAL
#   provider: gcp
#   remediation: >-
#     Run the instance as a dedicated service account with only the roles it needs,
#     and close the firewall rules that admit 0.0.0.0/0 (use IAP TCP forwarding).
package cspm.paths.gcp.instance_admin_sa

import data.cspm.lib.paths as walk
import rego.v1

paths contains path if {
	some key in walk.of_type("google_compute_instance")
	node := input.graph.nodes[key]
	walk.maybe_exposed(key)
	node.attributes.full_scopes == true
	some chain in walk.identity_chains(key)
	target := chain[count(chain) - 1]
	path := {
		"entry": "internet",
		"steps": array.concat(
			array.concat(walk.route(key), [{"resource": key, "why": "external IP, firewall open to 0.0.0.0/0"}]),
			array.slice(walk.chain_steps(key, chain), 0, count(chain) - 1),
		),
		"target": {"resource": target, "why": object.get(input.graph.nodes[target], "privilege_reason", "privileges not collected")},
	}
}
