# METADATA
# title: AWSCloudShellFullAccess is attached to no one
# description: >-
#   AWSCloudShellFullAccess lets its holders upload and download files to a shell
#   environment with their own credentials, a path for data to leave the account that
#   bypasses other controls. CIS asks that the policy be attached to no user, group or
#   role.
# custom:
#   id: AWS-IAM-017
#   severity: LOW
#   resource_type: aws_account
#   remediation: >-
#     Detach arn:aws:iam::aws:policy/AWSCloudShellFullAccess from every identity
#     (`aws iam list-entities-for-policy`, then `aws iam detach-*-policy`); grant a
#     narrower custom policy where CloudShell is really needed.
#   compliance:
#     CIS_AWS_v5.0: ["1.21"]
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2", "7.2.3", "7.2.5", "7.3.1", "7.3.2", "7.3.3", "8.2.7",
#       "8.2.8", "8.3.4"]
#     SOC2: ["CC6.3"]
package cspm.checks.aws.iam.cloudshell_full_access

deny contains {"resource": id, "message": msg} if {
	some id, _ in input.resources.aws_account
	some policy in input.resources.aws_iam_policy
	policy.name == "AWSCloudShellFullAccess"
	policy.config.aws_managed == true
	policy.config.attachment_count > 0
	holders := array.concat(
		array.concat(
			[sprintf("user %s", [u]) | some u in policy.config.attached_users],
			[sprintf("group %s", [g]) | some g in policy.config.attached_groups],
		),
		[sprintf("role %s", [r]) | some r in policy.config.attached_roles],
	)
	msg := sprintf("AWSCloudShellFullAccess is attached to %s", [concat(", ", holders)])
}
