# METADATA
# title: Internet to a publicly reachable database
# description: >-
#   An RDS instance or Aurora cluster is publicly accessible, a security group admits the
#   internet to it, and its subnets route to an internet gateway: anyone can try its
#   login, and any weakness of the engine is one connection away.
# custom:
#   id: PATH-AWS-003
#   severity: HIGH
#   provider: aws
#   remediation: >-
#     Set PubliclyAccessible to false, keep the database in private subnets, and admit
#     only the application's security group.
package cspm.paths.aws.public_database

import data.cspm.lib.paths as walk
import rego.v1

paths contains path if {
	some rtype in ["aws_db_instance", "aws_rds_cluster"]
	some key in walk.of_type(rtype)
	node := input.graph.nodes[key]
	walk.maybe_exposed(key)
	path := {
		"entry": "internet",
		"steps": walk.route(key),
		"target": {"resource": key, "why": sprintf("publicly accessible database: %s", [node.exposure.summary])},
	}
}
