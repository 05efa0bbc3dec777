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
#     PCI_DSS_v4.0: ["8.2.6"]
#     SOC2: ["CC6.2"]
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
