# METADATA
# title: Internet to a public Cloud Storage bucket with sensitive data
# description: >-
#   A bucket grants a role to allUsers or allAuthenticatedUsers, public access prevention
#   is not enforced, and its data is classified sensitive.
# custom:
#   id: PATH-GCP-002
#   severity: CRITICAL
#   provider: gcp
#   remediation: >-
#     Remove the allUsers and allAuthenticatedUsers bindings and enforce public access
#     prevention on the bucket (or on the organization).
package cspm.paths.gcp.public_bucket_sensitive

import data.cspm.lib.paths as walk
import rego.v1

paths contains path if {
	some key in walk.of_type("google_storage_bucket")
	node := input.graph.nodes[key]
	walk.maybe_exposed(key)
	node.crown_jewel == true
	path := {
		"entry": "internet",
		"steps": walk.route(key),
		"target": {"resource": key, "why": sprintf("%s; %s data (%s)", [node.exposure.summary, upper(node.sensitivity), node.sensitivity_source])},
	}
}
