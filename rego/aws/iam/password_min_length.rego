# METADATA
# title: The IAM password policy requires at least 14 characters
# description: >-
#   Short console passwords are quick to brute-force; CIS asks for a minimum length of
#   14 characters in the account password policy.
# custom:
#   id: AWS-IAM-003
#   severity: MEDIUM
#   resource_type: aws_account
#   remediation: >-
#     Run `aws iam update-account-password-policy --minimum-password-length 14` (with
#     the other options you already use), or set "Minimum password length" to 14 or more
#     in IAM > Account settings.
#   compliance:
#     CIS_AWS_v5.0: ["1.7"]
#     PCI_DSS_v4.0: ["8.3.6"]
#     SOC2: ["CC6.1"]
package cspm.checks.aws.iam.password_min_length

minimum := 14

deny contains {"resource": id, "message": "no account password policy is set (AWS then allows 8-character passwords)"} if {
	some id, account in input.resources.aws_account
	not is_object(account.config.password_policy)
}

deny contains {"resource": id, "message": msg} if {
	some id, account in input.resources.aws_account
	length := account.config.password_policy.minimum_password_length
	length < minimum
	msg := sprintf("the password policy allows passwords of %d characters; require at least %d", [length, minimum])
}
