# METADATA
# title: A role for security auditors holds the SecurityAudit policy
# description: >-
#   Auditing is a duty separate from administering: a role with the read-only
#   SecurityAudit policy lets auditors and tools review the account without holding
#   (or borrowing) the permissions of the people they review.
# custom:
#   id: AWS-IAM-020
#   severity: LOW
#   resource_type: aws_account
#   remediation: >-
#     Create a role that your auditors (or their account) may assume and run `aws iam
#     attach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/SecurityAudit`.
#   compliance:
#     ISO_27001_2022: ["A.5.3"]
package cspm.checks.aws.iam.security_audit_role

deny contains {"resource": id, "message": "no IAM role has the SecurityAudit policy attached"} if {
	some id, _ in input.resources.aws_account
	not audit_role_exists
}

audit_role_exists if {
	some policy in input.resources.aws_iam_policy
	policy.name == "SecurityAudit"
	policy.config.aws_managed == true
	count(policy.config.attached_roles) > 0
}
