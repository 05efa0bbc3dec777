# METADATA
# title: Internet to an instance with SSH or RDP open and IMDSv1, to administrator
# description: >-
#   An instance reachable from the internet on SSH or RDP that still answers IMDSv1 hands
#   its role's credentials to whoever gets a foothold (or a server-side request forgery);
#   the role, directly or through roles it may assume, is administrator-equivalent.
# custom:
#   id: PATH-AWS-001
#   severity: CRITICAL
#   provider: aws
#   remediation: >-
#     Close SSH and RDP to the internet (use Session Manager), require IMDSv2
#     (HttpTokens=required), and give the instance role only what the workload needs.
package cspm.paths.aws.ssh_imds_to_admin

import data.cspm.lib.paths as walk
import rego.v1

paths contains path if {
	some key in walk.of_type("aws_instance")
	node := input.graph.nodes[key]
	walk.exposed(key)
	ports := walk.admin_ports(key)
	count(ports) > 0
	node.attributes.imds_v1 == true
	some chain in walk.identity_chains(key)
	target := chain[count(chain) - 1]
	opened := sprintf("port(s) %v open to the internet; IMDSv1 serves its role's credentials", [sort(ports)])
	path := {
		"entry": "internet",
		"steps": array.concat(
			array.concat(walk.route(key), [{"resource": key, "why": opened}]),
			array.slice(walk.chain_steps(key, chain), 0, count(chain) - 1),
		),
		"target": {"resource": target, "why": input.graph.nodes[target].privilege_reason},
	}
}
