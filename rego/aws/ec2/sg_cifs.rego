# METADATA
# title: No security group allows CIFS/SMB from the internet
# description: >-
#   SMB (445) and NetBIOS session (139) reachable from anywhere expose file shares and
#   have a long record of wormable vulnerabilities.
# custom:
#   id: AWS-EC2-005
#   severity: HIGH
#   resource_type: aws_security_group
#   remediation: >-
#     Remove the ingress rule for ports 139/445 from 0.0.0.0/0 or ::/0 and allow them only
#     from the trusted networks or security groups that mount the share (or a VPN).
#   compliance:
#     CIS_AWS_v5.0: ["5.1.2"]
#     PCI_DSS_v4.0: ["1.3.1", "1.4.2"]
#     SOC2: ["CC6.6"]
#     ISO_27001_2022: ["A.8.20", "A.8.21", "A.8.22"]
package cspm.checks.aws.ec2.sg_cifs

import data.cspm.lib.aws.ec2
import data.cspm.lib.net

deny contains {"resource": id, "message": msg} if {
	some id, group in input.resources.aws_security_group
	some rule in group.config.ingress
	some cidr in array.concat(rule.ipv4_cidrs, rule.ipv6_cidrs)
	net.is_world(cidr)
	some port in net.cifs_ports
	ec2.reaches_port(rule.ip_protocol, rule.from_port, rule.to_port, port)
	msg := sprintf("ingress rule (%s) allows port %d from %s", [ec2.protocol_name(rule.ip_protocol), port, cidr])
}
