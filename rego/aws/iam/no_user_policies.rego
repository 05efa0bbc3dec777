# METADATA
# title: IAM users receive permissions only through groups
# description: >-
#   Policies attached to or embedded in individual users are hard to review and tend to
#   outlive the need for them; permissions belong on groups or roles.
# custom:
#   id: AWS-IAM-009
#   severity: LOW
#   resource_type: aws_iam_user
#   remediation: >-
#     Put the user in a group that carries the needed policies, then detach the managed
#     policies (`aws iam detach-user-policy`) and delete the inline ones
#     (`aws iam delete-user-policy`) from the user.
#   compliance:
#     CIS_AWS_v5.0: ["1.14"]
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2", "7.2.5", "7.3.1", "7.3.2", "7.3.3", "8.2.1", "8.2.2",
#       "8.2.4", "8.2.5", "8.2.7", "8.2.8", "8.3.4", "8.3.11"]
#     SOC2: ["CC1.3", "CC6.3"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-2(6)", "AC-2(i)(2)", "AC-3", "AC-3(3)", "AC-3(3)(a)",
#       "AC-3(3)(b)(1)", "AC-3(3)(b)(2)", "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)",
#       "AC-3(3)(c)", "AC-3(4)", "AC-3(4)(a)", "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)",
#       "AC-3(4)(e)", "AC-3(7)", "AC-3(8)", "AC-3(12)(a)", "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)",
#       "AC-4(28)", "AC-6", "AC-6(3)", "AC-24", "CM-5(1)(a)", "CM-6(a)", "CM-9(b)", "MP-2",
#       "SC-23(3)"]
#     ISO_27001_2022: ["A.5.15"]
package cspm.checks.aws.iam.no_user_policies

deny contains {"resource": id, "message": msg} if {
	some id, user in input.resources.aws_iam_user
	attached := count(user.config.attached_policy_arns)
	inline := count(user.config.inline_policy_names)
	attached + inline > 0
	msg := sprintf("user has %d attached and %d inline policies of its own", [attached, inline])
}
