# METADATA
# title: The root user has MFA enabled
# description: >-
#   Without multi-factor authentication, the password alone protects the one identity
#   that can do anything in the account, including closing it.
# custom:
#   id: AWS-IAM-002
#   severity: CRITICAL
#   resource_type: aws_account
#   remediation: >-
#     Sign in as the root user, open Security credentials, and assign an MFA device
#     (preferably a hardware security key) under "Multi-factor authentication".
#   compliance:
#     CIS_AWS_v5.0: ["1.4"]
#     PCI_DSS_v4.0: ["8.4.1", "8.4.2", "8.4.3"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-3(2)", "AC-3(3)", "AC-3(3)(a)", "AC-3(3)(b)(1)",
#       "AC-3(3)(b)(2)", "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)", "AC-3(3)(c)", "AC-3(4)",
#       "AC-3(4)(a)", "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)", "AC-3(4)(e)", "AC-3(8)",
#       "AC-3(12)(a)", "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)", "AC-4(28)", "AC-7(4)",
#       "AC-7(4)(a)", "AC-24", "CM-6(a)", "CM-9(b)", "IA-2(1)", "IA-2(2)", "IA-2(6)", "IA-2(6)(a)",
#       "IA-2(8)", "SC-23(3)"]
#     ISO_27001_2022: ["A.5.15", "A.5.17", "A.8.5"]
#     GDPR: ["Article 25"]
package cspm.checks.aws.iam.root_mfa

deny contains {"resource": id, "message": "the root user has no MFA device"} if {
	some id, account in input.resources.aws_account
	not account.config.root_user.mfa_active
}
