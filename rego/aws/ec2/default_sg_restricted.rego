# METADATA
# title: The default security group of every VPC restricts all traffic
# description: >-
#   Resources launched without an explicit security group land in the VPC's default
#   group; if it has rules, they silently get that access.
# custom:
#   id: AWS-EC2-006
#   severity: MEDIUM
#   resource_type: aws_security_group
#   remediation: >-
#     Move any resources out of the default group into purpose-built groups, then revoke
#     every inbound and outbound rule of the default group (it cannot be deleted).
#   compliance:
#     CIS_AWS_v5.0: ["5.5"]
#     PCI_DSS_v4.0: ["1.3.1"]
#     SOC2: ["CC6.6"]
#     NIST_800_53_r5: ["AC-4(21)", "AC-17(b)", "AC-17(1)", "AC-17(4)(a)", "AC-17(9)", "AC-17(10)",
#       "CM-6(a)", "CM-9(b)", "SC-7(5)", "SC-7(7)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(21)",
#       "SC-7(24)(b)", "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(c)"]
#     ISO_27001_2022: ["A.8.20", "A.8.21", "A.8.22", "A.8.23"]
package cspm.checks.aws.ec2.default_sg_restricted

# Only the default security group of each VPC.
applies contains id if {
	some id, group in input.resources.aws_security_group
	group.config.group_name == "default"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	group := input.resources.aws_security_group[id]
	inbound := count(group.config.ingress)
	outbound := count(group.config.egress)
	inbound + outbound > 0
	msg := sprintf("default security group has %d inbound and %d outbound rule(s)", [inbound, outbound])
}
