# METADATA
# title: The root user has no access keys
# description: >-
#   Access keys for the root user give unrestricted, non-MFA programmatic control of the
#   whole account and cannot be limited by IAM policies.
# custom:
#   id: AWS-IAM-001
#   severity: CRITICAL
#   resource_type: aws_account
#   remediation: >-
#     Sign in as the root user, open Security credentials, deactivate and then delete
#     every access key under "Access keys". Give automation an IAM role instead.
#   compliance:
#     CIS_AWS_v5.0: ["1.3"]
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2", "7.2.3", "8.2.1", "8.2.2", "8.2.4", "8.2.5", "8.3.11"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-2(6)", "AC-3(3)", "AC-3(3)(a)", "AC-3(3)(b)(1)",
#       "AC-3(3)(b)(2)", "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)", "AC-3(3)(c)", "AC-3(4)",
#       "AC-3(4)(a)", "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)", "AC-3(4)(e)", "AC-3(7)", "AC-3(8)",
#       "AC-3(12)(a)", "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)", "AC-4(28)", "AC-6", "AC-6(2)",
#       "AC-6(10)", "AC-24", "CM-5(1)(a)", "CM-6(a)", "CM-9(b)", "IA-2", "IA-4(b)", "IA-4(4)",
#       "IA-4(8)", "IA-5(8)", "MP-2", "SC-23(3)", "SC-25"]
#     ISO_27001_2022: ["A.5.15"]
#     GDPR: ["Article 25"]
package cspm.checks.aws.iam.root_access_key

deny contains {"resource": id, "message": msg} if {
	some id, account in input.resources.aws_account
	n := account.config.root_user.access_keys_present
	n > 0
	msg := sprintf("the root user has %d access key(s)", [n])
}
