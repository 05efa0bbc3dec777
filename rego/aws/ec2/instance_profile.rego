# METADATA
# title: EC2 instances use an IAM instance profile
# description: >-
#   Instances without an instance role tend to carry long-lived access keys on disk or
#   in user data; a role gives them short-lived, automatically rotated credentials.
# custom:
#   id: AWS-EC2-001
#   severity: MEDIUM
#   resource_type: aws_instance
#   remediation: >-
#     Create a role with only the permissions the workload needs, wrap it in an instance
#     profile, and attach it (`aws ec2 associate-iam-instance-profile`); then remove any
#     access keys stored on the instance.
#   compliance:
#     CIS_AWS_v5.0: ["1.17"]
#     PCI_DSS_v4.0: ["8.6.3"]
#     SOC2: ["CC6.1"]
package cspm.checks.aws.ec2.instance_profile

# Instances that exist or can be started again; terminating ones are left out.
applies contains id if {
	some id, instance in input.resources.aws_instance
	not instance.config.state in {"shutting-down", "terminated"}
}

deny contains {"resource": id, "message": "instance has no IAM instance profile"} if {
	some id in applies
	is_null(input.resources.aws_instance[id].config.iam_instance_profile_arn)
}
