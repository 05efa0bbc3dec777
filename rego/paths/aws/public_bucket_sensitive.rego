# METADATA
# title: Internet to a public S3 bucket holding sensitive data
# description: >-
#   A bucket anyone can read (an ACL grant to AllUsers or AuthenticatedUsers, or a public
#   bucket policy, not blocked by Block Public Access) holds data classified sensitive.
#   Encryption at rest does not help: S3 decrypts for every authorised reader.
# custom:
#   id: PATH-AWS-002
#   severity: CRITICAL
#   provider: aws
#   remediation: >-
#     Turn on S3 Block Public Access for the bucket and the account, remove public ACL
#     grants and public policy statements, and serve public content through CloudFront.
package cspm.paths.aws.public_bucket_sensitive

import data.cspm.lib.paths as walk
import rego.v1

paths contains path if {
	some key in walk.of_type("aws_s3_bucket")
	node := input.graph.nodes[key]
	walk.maybe_exposed(key)
	node.crown_jewel == true
	path := {
		"entry": "internet",
		"steps": walk.route(key),
		"target": {"resource": key, "why": sprintf("%s; %s data (%s), %s", [
			node.exposure.summary, upper(node.sensitivity), node.sensitivity_source,
			encryption(node),
		])},
	}
}

# A node without the attribute reads as not collected, never drops the path.
encryption(node) := "encrypted at rest" if object.get(node, ["attributes", "encrypted"], null) == true

encryption(node) := "no encryption" if object.get(node, ["attributes", "encrypted"], null) == false

encryption(node) := "encryption not collected" if object.get(node, ["attributes", "encrypted"], null) == null
