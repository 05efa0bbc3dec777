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
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2", "7.2.5", "7.3.1", "7.3.2", "7.3.3", "8.2.7", "8.2.8",
#       "8.3.4", "8.6.3"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AC-3", "CM-5(1)(a)", "CM-6(a)"]
#     ISO_27001_2022: ["A.8.2", "A.8.20", "A.8.21", "A.8.22"]
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
