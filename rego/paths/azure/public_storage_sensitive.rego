# METADATA
# title: Internet to a publicly readable storage account with sensitive data
# description: >-
#   A storage account with a public network endpoint lets anonymous readers into at least
#   one container, and its data is classified sensitive.
# custom:
#   id: PATH-AZ-003
#   severity: CRITICAL
#   provider: azure
#   remediation: >-
#     Set allowBlobPublicAccess to false, set the containers' access level to private,
#     and restrict the account's network rules to the networks that need it.
package cspm.paths.azure.public_storage_sensitive

import data.cspm.lib.paths as walk
import rego.v1

paths contains path if {
	some key in walk.of_type("azurerm_storage_account")
	node := input.graph.nodes[key]
	walk.maybe_exposed(key)
	node.attributes.anonymous_read != false
	node.crown_jewel == true
	path := {
		"entry": "internet",
		"steps": walk.route(key),
		"target": {"resource": key, "why": sprintf("%s; %s data (%s)", [node.exposure.summary, upper(node.sensitivity), node.sensitivity_source])},
	}
}
