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
#     NIST_800_53_r5: ["AC-2(1)", "AC-2(3)(a)", "AC-2(3)(b)", "AC-2(3)(c)", "AC-2(3)(d)", "AC-2(3)",
#       "AC-2(d)(1)", "AC-3(3)", "AC-3(3)(a)", "AC-3(3)(b)(1)", "AC-3(3)(b)(2)", "AC-3(3)(b)(3)",
#       "AC-3(3)(b)(4)", "AC-3(3)(b)(5)", "AC-3(3)(c)", "AC-3(4)", "AC-3(4)(a)", "AC-3(4)(b)",
#       "AC-3(4)(c)", "AC-3(4)(d)", "AC-3(4)(e)", "AC-3(8)", "AC-3(12)(a)", "AC-3(13)",
#       "AC-3(15)(a)", "AC-3(15)(b)", "AC-4(28)", "AC-7(4)", "AC-7(4)(a)", "AC-24", "CM-5(1)(a)",
#       "CM-6(a)", "CM-9(b)", "CM-12(b)", "IA-4(d)", "IA-5", "IA-5(b)", "IA-5(c)", "IA-5(d)",
#       "IA-5(f)", "IA-5(h)", "IA-5(1)(f)", "IA-5(1)(g)", "IA-5(1)(h)", "IA-5(18)(a)",
#       "IA-5(18)(b)", "IA-8(2)(b)", "MA-4(c)", "SC-23(3)"]
#     ISO_27001_2022: ["A.5.15"]
#     GDPR: ["Article 25"]
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
