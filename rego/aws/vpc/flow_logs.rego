# METADATA
# title: VPC flow logging is enabled in every VPC
# description: >-
#   Without flow logs there is no record of rejected or accepted connections to look at
#   when investigating scanning, exfiltration or a compromised instance.
# custom:
#   id: AWS-VPC-002
#   severity: MEDIUM
#   resource_type: aws_vpc
#   remediation: >-
#     Run `aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id>
#     --traffic-type ALL` (REJECT at least) with a CloudWatch Logs or S3 destination.
#   compliance:
#     CIS_AWS_v5.0: ["3.7"]
#     PCI_DSS_v4.0: ["5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4", "10.2.1.5",
#       "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.6.3", "A1.2.1"]
#     SOC2: ["CC7.2", "CC7.3"]
#     NIST_800_53_r5: ["AC-4(26)", "AU-2(b)", "AU-3(a)", "AU-3(b)", "AU-3(c)", "AU-3(d)", "AU-3(e)",
#       "AU-6(3)", "AU-6(4)", "AU-6(6)", "AU-6(9)", "AU-8(b)", "AU-12(a)", "AU-12(c)", "AU-12(1)",
#       "AU-12(2)", "AU-12(3)", "AU-12(4)", "AU-14(a)", "AU-14(b)", "AU-14(3)", "CA-7(b)",
#       "CM-5(1)(b)", "CM-6(a)", "CM-9(b)", "IA-3(3)(b)", "MA-4(1)(a)", "PM-14(a)(1)", "PM-14(b)",
#       "PM-31", "SI-4(17)", "SI-7(8)"]
#     ISO_27001_2022: ["A.8.15", "A.8.16", "A.8.20", "A.8.21", "A.8.22", "A.8.23"]
#     GDPR: ["Article 25", "Article 30"]
package cspm.checks.aws.vpc.flow_logs

# Traffic types that include rejected traffic, which CIS asks for at a minimum.
covering_types := {"ALL", "REJECT"}

deny contains {"resource": id, "message": "VPC has no active flow log capturing rejected traffic"} if {
	some id, _ in input.resources.aws_vpc
	not has_flow_log(id)
}

has_flow_log(id) if {
	some log in input.resources.aws_vpc[id].config.flow_logs
	log.flow_log_status == "ACTIVE"
	log.traffic_type in covering_types
}
