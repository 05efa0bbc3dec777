# METADATA
# title: The root user has not been used in the last 30 days
# description: >-
#   Day-to-day work done as root cannot be limited by any policy and is hard to
#   attribute to a person. A root sign-in or root access key use within the last 30
#   days (from the credential report) suggests root is used for routine tasks.
# custom:
#   id: AWS-IAM-015
#   severity: LOW
#   resource_type: aws_account
#   remediation: >-
#     Find out what root was used for (CloudTrail events with userIdentity.type Root),
#     move that work to IAM roles or IAM Identity Center users, and keep root for the
#     few tasks only it can do.
#   compliance:
#     CIS_AWS_v5.0: ["1.6"]
#     PCI_DSS_v4.0: ["8.2.2"]
#     SOC2: ["CC6.1"]
#     ISO_27001_2022: ["A.5.15"]
package cspm.checks.aws.iam.root_recent_use

import data.cspm.lib.time

window_days := 30

deny contains {"resource": id, "message": msg} if {
	some id, account in input.resources.aws_account
	some credential, last in account.config.root_activity
	is_string(last)
	days := time.age_days(last)
	days < window_days
	msg := sprintf("the root user's %s was used %d day(s) ago", [label[credential], days])
}

label := {
	"password_last_used": "password",
	"access_key_1_last_used": "access key 1",
	"access_key_2_last_used": "access key 2",
}
