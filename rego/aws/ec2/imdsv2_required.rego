# METADATA
# title: EC2 instances require IMDSv2
# description: >-
#   With IMDSv1 enabled, a server-side request forgery bug in any application on the
#   instance can read the instance role's credentials from the metadata service.
# custom:
#   id: AWS-EC2-002
#   severity: MEDIUM
#   resource_type: aws_instance
#   remediation: >-
#     Run `aws ec2 modify-instance-metadata-options --instance-id <id> --http-tokens
#     required --http-endpoint enabled` after checking that the software on the instance
#     uses an IMDSv2-capable SDK; set HttpTokens=required in launch templates too.
#   compliance:
#     CIS_AWS_v5.0: ["5.7"]
#     SOC2: ["CC6.6"]
package cspm.checks.aws.ec2.imdsv2_required

# Instances that exist or can be started again; terminating ones are left out.
applies contains id if {
	some id, instance in input.resources.aws_instance
	not instance.config.state in {"shutting-down", "terminated"}
}

deny contains {"resource": id, "message": "instance metadata service accepts IMDSv1 requests (http_tokens is optional)"} if {
	some id in applies
	options := input.resources.aws_instance[id].config.metadata_options
	options.http_endpoint == "enabled"
	options.http_tokens != "required"
}
