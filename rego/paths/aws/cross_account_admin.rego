# METADATA
# title: Internet-exposed instance whose role can become administrator of another account
# description: >-
#   An instance the internet reaches holds a role that may assume, directly or through
#   other roles, an administrator-equivalent role in a different account: one foothold
#   crosses the account boundary.
# custom:
#   id: PATH-AWS-004
#   severity: CRITICAL
#   provider: aws
#   remediation: >-
#     Remove sts:AssumeRole on the other account's role from the instance role, or narrow
#     the target role's trust policy to the principals that need it (with an external id
#     or source conditions), and close the instance to the internet.
package cspm.paths.aws.cross_account_admin

import data.cspm.lib.paths as walk
import rego.v1

paths contains path if {
	some key in walk.of_type("aws_instance")
	node := input.graph.nodes[key]
	walk.maybe_exposed(key)
	some chain in walk.identity_chains(key)
	target := chain[count(chain) - 1]
	input.graph.nodes[target].ref.account != node.ref.account
	path := {
		"entry": "internet",
		"steps": array.concat(
			array.concat(walk.route(key), [{"resource": key, "why": "reachable from the internet"}]),
			array.slice(walk.chain_steps(key, chain), 0, count(chain) - 1),
		),
		"target": {"resource": target, "why": sprintf("administrator of account %s: %s", [
			input.graph.nodes[target].ref.account,
			object.get(input.graph.nodes[target], "privilege_reason", "privileges not collected"),
		])},
	}
}
