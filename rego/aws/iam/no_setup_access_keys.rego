# METADATA
# title: Console users have no access keys left unused since setup
# description: >-
#   Access keys created along with a console user "just in case" and never used are
#   long-lived credentials nobody needs; each is one more secret that can leak.
# custom:
#   id: AWS-IAM-016
#   severity: LOW
#   resource_type: aws_iam_user
#   remediation: >-
#     Delete access keys that were never used (`aws iam delete-access-key`); create keys
#     only when a user actually needs programmatic access.
#   compliance:
#     CIS_AWS_v5.0: ["1.10"]
#     SOC2: ["CC6.2"]
package cspm.checks.aws.iam.no_setup_access_keys

deny contains {"resource": id, "message": msg} if {
	some id, user in input.resources.aws_iam_user
	user.config.password_enabled == true
	some key in user.config.access_keys
	key.status == "Active"
	is_null(key.last_used_date)
	msg := sprintf("console user has active access key %s that was never used", [key.access_key_id])
}
