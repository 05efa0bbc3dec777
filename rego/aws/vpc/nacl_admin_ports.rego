# METADATA
# title: No network ACL allows ingress from the internet to remote administration ports
# description: >-
#   A network ACL whose first matching inbound entry for 0.0.0.0/0 or ::/0 allows SSH
#   (22) or RDP (3389) leaves every subnet it guards open to those ports at the
#   network edge. Entries are evaluated in rule-number order, so a lower-numbered deny
#   protects the port.
# custom:
#   id: AWS-VPC-001
#   severity: MEDIUM
#   resource_type: aws_network_acl
#   remediation: >-
#     Add an inbound deny entry for ports 22 and 3389 from 0.0.0.0/0 (and ::/0) with a
#     rule number lower than the allow entry, or narrow the allow entry's CIDR to trusted
#     networks (`aws ec2 replace-network-acl-entry`).
#   compliance:
#     CIS_AWS_v5.0: ["5.2"]
#     PCI_DSS_v4.0: ["1.2.8", "1.3.1", "1.3.2", "1.4.2", "1.5.1", "A1.1.3"]
#     SOC2: ["CC6.6"]
#     ISO_27001_2022: ["A.8.20", "A.8.21", "A.8.22"]
package cspm.checks.aws.vpc.nacl_admin_ports

import data.cspm.lib.aws.ec2
import data.cspm.lib.net

deny contains {"resource": id, "message": msg} if {
	some id, acl in input.resources.aws_network_acl
	some world in [net.world_ipv4, net.world_ipv6]

	# The inbound entries for this source, found once and then tried for each port.
	inbound := [entry |
		some entry in acl.config.entries
		entry.egress == false
		world in {entry.cidr_block, entry.ipv6_cidr_block}
	]
	some port in net.admin_ports
	matching := [entry |
		some entry in inbound
		ec2.reaches_port(entry.protocol, entry.from_port, entry.to_port, port)
	]
	first_number := min([entry.rule_number | some entry in matching])
	some first in matching
	first.rule_number == first_number
	first.rule_action == "allow"
	msg := sprintf("inbound entry %d allows port %d from %s", [first_number, port, world])
}
