package cspm.checks.aws.iam.access_key_rotation_test

import data.cspm.checks.aws.iam.access_key_rotation

arn := "arn:aws:iam::111122223333:user/ci"

user(status, created) := {
	"taken_at": "2026-11-29T10:00:00Z",
	"resources": {"aws_iam_user": {arn: {
		"id": arn,
		"type": "aws_iam_user",
		"config": {"access_keys": [{"access_key_id": "AKIAOLD", "status": status, "create_date": created}]},
	}}},
}

test_pass_key_90_days_old if {
	count(access_key_rotation.deny) == 0 with input as user("Active", "2026-08-31T10:00:00Z")
}

test_pass_old_key_inactive if {
	count(access_key_rotation.deny) == 0 with input as user("Inactive", "2024-01-01T00:00:00Z")
}

test_fail_key_91_days_old if {
	access_key_rotation.deny == {{
		"resource": arn,
		"message": "active access key AKIAOLD is 91 days old (limit 90)",
	}} with input as user("Active", "2026-08-30T10:00:00Z")
}
