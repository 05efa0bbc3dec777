# METADATA
# title: Active IAM access keys are rotated within 90 days
# description: >-
#   The longer an access key lives, the more places it may have leaked to; CIS asks for
#   rotation every 90 days or less.
# custom:
#   id: AWS-IAM-008
#   severity: MEDIUM
#   resource_type: aws_iam_user
#   remediation: >-
#     Create a second key (`aws iam create-access-key`), switch the clients to it,
#     deactivate the old key, and delete it once nothing uses it. Better, replace the
#     key with a role.
#   compliance:
#     CIS_AWS_v5.0: ["1.13"]
#     PCI_DSS_v4.0: ["8.3.5", "8.3.7", "8.3.9", "8.3.10.1", "8.6.3"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-3(3)", "AC-3(3)(a)", "AC-3(3)(b)(1)", "AC-3(3)(b)(2)",
#       "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)", "AC-3(3)(c)", "AC-3(4)", "AC-3(4)(a)",
#       "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)", "AC-3(4)(e)", "AC-3(8)", "AC-3(12)(a)",
#       "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)", "AC-4(28)", "AC-24", "CM-5(1)(a)", "CM-6(a)",
#       "CM-9(b)", "SC-23(3)"]
#     ISO_27001_2022: ["A.5.15"]
#     GDPR: ["Article 25"]
package cspm.checks.aws.iam.access_key_rotation

import data.cspm.lib.time

max_days := 90

deny contains {"resource": id, "message": msg} if {
	some id, user in input.resources.aws_iam_user
	some key in user.config.access_keys
	key.status == "Active"
	days := time.age_days(key.create_date)
	days > max_days
	msg := sprintf("active access key %s is %d days old (limit %d)", [key.access_key_id, days, max_days])
}
