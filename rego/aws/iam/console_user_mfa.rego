# METADATA
# title: IAM users with a console password have MFA enabled
# description: >-
#   A console password without a second factor can be phished or guessed; every IAM user
#   that can sign in to the console needs an MFA device.
# custom:
#   id: AWS-IAM-005
#   severity: HIGH
#   resource_type: aws_iam_user
#   remediation: >-
#     Assign an MFA device to the user (IAM > Users > Security credentials > Assign MFA
#     device), and deny actions without aws:MultiFactorAuthPresent until it is set; or
#     remove the console password if the user does not need the console.
#   compliance:
#     CIS_AWS_v5.0: ["1.9"]
#     PCI_DSS_v4.0: ["8.4.2", "8.4.3"]
#     SOC2: ["CC6.1"]
package cspm.checks.aws.iam.console_user_mfa

# Only users who can sign in to the console.
applies contains id if {
	some id, user in input.resources.aws_iam_user
	user.config.password_enabled == true
}

deny contains {"resource": id, "message": "user has a console password but no MFA device"} if {
	some id in applies
	not input.resources.aws_iam_user[id].config.mfa_active
}
