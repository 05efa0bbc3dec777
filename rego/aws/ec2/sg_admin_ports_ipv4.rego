# METADATA
# title: No security group allows ingress from 0.0.0.0/0 to remote administration ports
# description: >-
#   SSH (22) and RDP (3389) open to every IPv4 address invite brute-force attacks and
#   exploitation of the remote-access service.
# custom:
#   id: AWS-EC2-003
#   severity: HIGH
#   resource_type: aws_security_group
#   remediation: >-
#     Remove the rule (`aws ec2 revoke-security-group-ingress`) and allow the port only
#     from known administrator networks or a bastion's security group, or drop inbound
#     administration entirely in favour of SSM Session Manager.
#   compliance:
#     CIS_AWS_v5.0: ["5.3"]
#     PCI_DSS_v4.0: ["1.2.8", "1.3.1", "1.3.2", "1.4.2", "1.5.1", "A1.1.3"]
#     SOC2: ["CC6.6", "CC7.2"]
#     NIST_800_53_r5: ["AC-17(b)", "AC-17(1)", "AC-17(9)", "AC-17(10)", "CM-9(b)", "SC-7(7)",
#       "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(21)", "SC-7(24)(b)", "SC-7(25)", "SC-7(26)",
#       "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(c)"]
#     ISO_27001_2022: ["A.8.20", "A.8.21", "A.8.22"]
package cspm.checks.aws.ec2.sg_admin_ports_ipv4

import data.cspm.lib.aws.ec2
import data.cspm.lib.net

deny contains {"resource": id, "message": msg} if {
	some id, group in input.resources.aws_security_group
	some rule in group.config.ingress
	net.world_ipv4 in rule.ipv4_cidrs
	some port in net.admin_ports
	ec2.reaches_port(rule.ip_protocol, rule.from_port, rule.to_port, port)
	msg := sprintf("ingress rule (%s) allows port %d from %s", [ec2.protocol_name(rule.ip_protocol), port, net.world_ipv4])
}
