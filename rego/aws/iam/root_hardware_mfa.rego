# METADATA
# title: The root user has a hardware MFA device
# description: >-
#   A virtual MFA app lives on a phone or laptop that is itself exposed to malware and
#   loss; CIS asks for a hardware device for the account's most powerful user.
# custom:
#   id: AWS-IAM-014
#   severity: MEDIUM
#   resource_type: aws_account
#   remediation: >-
#     Sign in as root, remove the virtual MFA device, and register a hardware TOTP token
#     or a FIDO security key (IAM console, Security credentials, Assign MFA device).
#   compliance:
#     CIS_AWS_v5.0: ["1.5"]
#     PCI_DSS_v4.0: ["8.4.1", "8.4.2", "8.4.3"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-3(2)", "AC-3(3)", "AC-3(3)(a)", "AC-3(3)(b)(1)",
#       "AC-3(3)(b)(2)", "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)", "AC-3(3)(c)", "AC-3(4)",
#       "AC-3(4)(a)", "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)", "AC-3(4)(e)", "AC-3(8)",
#       "AC-3(12)(a)", "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)", "AC-4(28)", "AC-7(4)",
#       "AC-7(4)(a)", "AC-24", "CM-5(1)(a)", "CM-6(a)", "CM-9(b)", "IA-2(1)", "IA-2(2)", "IA-2(6)",
#       "IA-2(6)(a)", "IA-2(8)", "SC-23(3)"]
#     GDPR: ["Article 25"]
package cspm.checks.aws.iam.root_hardware_mfa

deny contains {"resource": id, "message": "the root user has no MFA device"} if {
	some id, account in input.resources.aws_account
	not account.config.root_user.mfa_active
}

deny contains {"resource": id, "message": "the root user's MFA device is a virtual one"} if {
	some id, account in input.resources.aws_account
	account.config.root_user.mfa_active == true
	account.config.root_virtual_mfa == true
}
