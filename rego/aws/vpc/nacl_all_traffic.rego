# METADATA
# title: No network ACL admits all inbound traffic from the internet
# description: >-
#   A network ACL whose first inbound entry for all traffic from 0.0.0.0/0 or ::/0 is an
#   allow filters nothing at the subnet edge, leaving security groups as the only layer.
#   The default ACL of a new VPC is like this until its entries are narrowed. Entries are
#   evaluated in rule-number order, so a lower-numbered deny for all traffic protects it.
# custom:
#   id: AWS-VPC-004
#   severity: LOW
#   resource_type: aws_network_acl
#   remediation: >-
#     Replace the allow-all inbound entry with entries for the ports the subnets serve
#     (`aws ec2 replace-network-acl-entry --protocol tcp --port-range From=443,To=443 ...`),
#     keeping return traffic on ephemeral ports allowed.
#   compliance:
#     SOC2: ["CC6.6"]
#     NIST_800_53_r5: ["AC-4(21)", "AC-17(b)", "AC-17(1)", "AC-17(4)(a)", "AC-17(9)", "AC-17(10)",
#       "CM-2(a)", "CM-2(2)", "CM-6(a)", "CM-7(b)", "CM-8(6)", "CM-9(b)", "SC-7(5)", "SC-7(7)",
#       "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(21)", "SC-7(24)(b)", "SC-7(25)", "SC-7(26)",
#       "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(c)"]
#     ISO_27001_2022: ["A.8.20", "A.8.21", "A.8.22"]
package cspm.checks.aws.vpc.nacl_all_traffic

import data.cspm.lib.net

deny contains {"resource": id, "message": msg} if {
	some id, acl in input.resources.aws_network_acl
	some world in [net.world_ipv4, net.world_ipv6]
	matching := [entry |
		some entry in acl.config.entries
		entry.egress == false
		entry.protocol == "-1"
		world in {entry.cidr_block, entry.ipv6_cidr_block}
	]
	first_number := min([entry.rule_number | some entry in matching])
	some first in matching
	first.rule_number == first_number
	first.rule_action == "allow"
	msg := sprintf("inbound entry %d allows all traffic from %s", [first_number, world])
}
