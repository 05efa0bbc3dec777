# METADATA
# title: The IAM password policy prevents reuse of the last 24 passwords
# description: >-
#   Letting users cycle back to an old password undoes password changes made after a
#   leak; CIS asks the policy to remember 24 previous passwords.
# custom:
#   id: AWS-IAM-004
#   severity: LOW
#   resource_type: aws_account
#   remediation: >-
#     Run `aws iam update-account-password-policy --password-reuse-prevention 24` (with
#     the other options you already use), or set "Prevent password reuse" to 24 in
#     IAM > Account settings.
#   compliance:
#     CIS_AWS_v5.0: ["1.8"]
#     PCI_DSS_v4.0: ["8.3.7"]
#     SOC2: ["CC6.1"]
#     ISO_27001_2022: ["A.5.15"]
#     GDPR: ["Article 25"]
package cspm.checks.aws.iam.password_reuse

remembered := 24

deny contains {"resource": id, "message": "no account password policy is set, so passwords may be reused"} if {
	some id, account in input.resources.aws_account
	not is_object(account.config.password_policy)
}

deny contains {"resource": id, "message": "the password policy does not prevent password reuse"} if {
	some id, account in input.resources.aws_account
	is_null(account.config.password_policy.password_reuse_prevention)
}

deny contains {"resource": id, "message": msg} if {
	some id, account in input.resources.aws_account
	n := account.config.password_policy.password_reuse_prevention
	is_number(n)
	n < remembered
	msg := sprintf("the password policy remembers %d previous passwords; require %d", [n, remembered])
}
