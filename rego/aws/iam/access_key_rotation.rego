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
#     PCI_DSS_v4.0: ["8.3.9", "8.6.3"]
#     SOC2: ["CC6.1"]
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
