# METADATA
# title: IAM credentials unused for 45 days or more are disabled
# description: >-
#   Console passwords and active access keys that nobody uses are standing attack
#   surface; CIS asks that credentials unused for 45 days or more be disabled.
# custom:
#   id: AWS-IAM-006
#   severity: MEDIUM
#   resource_type: aws_iam_user
#   remediation: >-
#     Remove the console password of users who have not signed in for 45 days
#     (`aws iam delete-login-profile`), and deactivate access keys not used for 45 days
#     (`aws iam update-access-key --status Inactive`), then delete them once nothing breaks.
#   compliance:
#     CIS_AWS_v5.0: ["1.11"]
#     PCI_DSS_v4.0: ["7.2.4", "7.2.5.1", "8.2.6", "A3.4.1"]
#     SOC2: ["CC1.3", "CC6.2"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-2(3)(a)", "AC-2(3)(b)", "AC-2(3)(c)", "AC-2(3)(d)", "AC-2(3)",
#       "AC-2(6)", "AC-2(g)", "AC-2(j)", "AC-3", "AC-3(3)", "AC-3(3)(a)", "AC-3(3)(b)(1)",
#       "AC-3(3)(b)(2)", "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)", "AC-3(3)(c)", "AC-3(4)",
#       "AC-3(4)(a)", "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)", "AC-3(4)(e)", "AC-3(7)", "AC-3(8)",
#       "AC-3(12)(a)", "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)", "AC-4(28)", "AC-6", "AC-24",
#       "CM-5(1)(a)", "CM-6(a)", "CM-9(b)", "MP-2", "SC-23(3)"]
#     ISO_27001_2022: ["A.5.15"]
#     GDPR: ["Article 25"]
package cspm.checks.aws.iam.unused_credentials

import data.cspm.lib.time

max_days := 45

deny contains {"resource": id, "message": msg} if {
	some id, user in input.resources.aws_iam_user
	user.config.password_enabled == true
	last := user.config.password_last_used
	is_string(last)
	days := time.age_days(last)
	days >= max_days
	msg := sprintf("console password last used %d days ago", [days])
}

deny contains {"resource": id, "message": msg} if {
	some id, user in input.resources.aws_iam_user
	user.config.password_enabled == true
	is_null(user.config.password_last_used)
	days := time.age_days(user.config.create_date)
	days >= max_days
	msg := sprintf("console password never used, user created %d days ago", [days])
}

deny contains {"resource": id, "message": msg} if {
	some id, user in input.resources.aws_iam_user
	some key in user.config.access_keys
	key.status == "Active"
	is_string(key.last_used_date)
	days := time.age_days(key.last_used_date)
	days >= max_days
	msg := sprintf("active access key %s last used %d days ago", [key.access_key_id, days])
}

deny contains {"resource": id, "message": msg} if {
	some id, user in input.resources.aws_iam_user
	some key in user.config.access_keys
	key.status == "Active"
	is_null(key.last_used_date)
	days := time.age_days(key.create_date)
	days >= max_days
	msg := sprintf("active access key %s never used, created %d days ago", [key.access_key_id, days])
}
