# METADATA
# title: A support role exists to manage incidents with AWS Support
# description: >-
#   Without a role carrying the AWSSupportAccess managed policy, opening and following
#   support cases during an incident needs broader (or root) credentials.
# custom:
#   id: AWS-IAM-011
#   severity: LOW
#   resource_type: aws_account
#   remediation: >-
#     Create a role that your incident responders can assume and attach the AWS managed
#     policy arn:aws:iam::aws:policy/AWSSupportAccess to it
#     (`aws iam attach-role-policy --policy-arn ...`).
#   compliance:
#     CIS_AWS_v5.0: ["1.16"]
#     SOC2: ["CC7.4"]
#     GDPR: ["Article 25"]
package cspm.checks.aws.iam.support_role

deny contains {"resource": id, "message": "no IAM role has the AWSSupportAccess policy attached"} if {
	some id, _ in input.resources.aws_account
	not support_role_exists
}

support_role_exists if {
	some policy in input.resources.aws_iam_policy
	policy.name == "AWSSupportAccess"
	policy.config.aws_managed == true
	count(policy.config.attached_roles) > 0
}
