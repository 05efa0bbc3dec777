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
#     PCI_DSS_v4.0: ["8.4.1", "8.4.2", "8.4.3"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-3(2)", "AC-3(3)", "AC-3(3)(a)", "AC-3(3)(b)(1)",
#       "AC-3(3)(b)(2)", "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)", "AC-3(3)(c)", "AC-3(4)",
#       "AC-3(4)(a)", "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)", "AC-3(4)(e)", "AC-3(8)",
#       "AC-3(12)(a)", "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)", "AC-4(28)", "AC-7(4)",
#       "AC-7(4)(a)", "AC-24", "CM-5(1)(a)", "CM-6(a)", "CM-9(b)", "IA-2(1)", "IA-2(2)", "IA-2(6)",
#       "IA-2(6)(a)", "IA-2(8)", "SC-23(3)"]
#     ISO_27001_2022: ["A.5.15", "A.5.17", "A.8.5"]
#     GDPR: ["Article 25"]
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
