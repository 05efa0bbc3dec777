# METADATA
# title: No attached IAM policy allows full "*:*" administrative privileges
# description: >-
#   A policy with an Allow statement on Action "*" and Resource "*" grants everything;
#   attached to an identity it defeats least privilege.
# custom:
#   id: AWS-IAM-010
#   severity: HIGH
#   resource_type: aws_iam_policy
#   remediation: >-
#     Detach the policy from every user, group and role, and give each of them a policy
#     listing only the actions and resources they need (IAM Access Analyzer can generate
#     one from CloudTrail activity). Keep break-glass admin access on a single, monitored role.
#   compliance:
#     CIS_AWS_v5.0: ["1.15"]
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2", "7.2.5", "7.3.1", "7.3.2", "7.3.3", "8.2.7", "8.2.8",
#       "8.3.4"]
#     SOC2: ["CC1.3", "CC6.3"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-2(6)", "AC-2(i)(2)", "AC-3", "AC-3(3)", "AC-3(3)(a)",
#       "AC-3(3)(b)(1)", "AC-3(3)(b)(2)", "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)",
#       "AC-3(3)(c)", "AC-3(4)", "AC-3(4)(a)", "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)",
#       "AC-3(4)(e)", "AC-3(7)", "AC-3(8)", "AC-3(12)(a)", "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)",
#       "AC-4(28)", "AC-5(b)", "AC-6", "AC-6(2)", "AC-6(3)", "AC-6(10)", "AC-24", "CM-5(1)(a)",
#       "CM-6(a)", "CM-9(b)", "MP-2", "SC-23(3)", "SC-25"]
#     ISO_27001_2022: ["A.5.18", "A.8.2"]
#     GDPR: ["Article 25"]
package cspm.checks.aws.iam.no_full_admin_policy

import data.cspm.lib.aws.iam

deny contains {"resource": id, "message": msg} if {
	some id, policy in input.resources.aws_iam_policy
	n := policy.config.attachment_count
	n > 0
	some stmt in policy.config.document.Statement
	iam.allows_full_admin(stmt)
	msg := sprintf("policy allows \"*\" on \"*\" and is attached to %d identities", [n])
}
