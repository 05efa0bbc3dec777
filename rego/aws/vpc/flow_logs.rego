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
#     PCI_DSS_v4.0: ["10.2.1"]
#     SOC2: ["CC7.2"]
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
