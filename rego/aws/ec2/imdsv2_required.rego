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
#     PCI_DSS_v4.0: ["8.2.8"]
#     SOC2: ["CC6.6", "CC7.2"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(3)", "AC-3(3)(a)", "AC-3(3)(b)(1)", "AC-3(3)(b)(2)",
#       "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)", "AC-3(3)(c)", "AC-3(4)", "AC-3(4)(a)",
#       "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)", "AC-3(4)(e)", "AC-3(7)", "AC-3(8)", "AC-3(12)(a)",
#       "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)", "AC-4(28)", "AC-6", "AC-24", "CM-5(1)(a)", "MP-2",
#       "SC-23(3)"]
#     ISO_27001_2022: ["A.8.20", "A.8.21", "A.8.22"]
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
