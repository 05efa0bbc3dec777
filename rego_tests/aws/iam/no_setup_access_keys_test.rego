package cspm.checks.aws.iam.no_setup_access_keys_test

import data.cspm.checks.aws.iam.no_setup_access_keys

arn := "arn:aws:iam::111122223333:user/alice"

user(password, keys) := {"resources": {"aws_iam_user": {arn: {"id": arn, "config": {
	"password_enabled": password,
	"access_keys": keys,
}}}}}

key(status, used) := {"access_key_id": "access_key_1", "status": status, "last_used_date": used}

test_pass_key_in_use if {
	count(no_setup_access_keys.deny) == 0 with input as user(true, [key("Active", "2026-11-28T00:00:00Z")])
}

test_pass_programmatic_user if {
	count(no_setup_access_keys.deny) == 0 with input as user(false, [key("Active", null)])
}

test_pass_inactive_key if {
	count(no_setup_access_keys.deny) == 0 with input as user(true, [key("Inactive", null)])
}

test_fail_unused_key_of_console_user if {
	no_setup_access_keys.deny == {{
		"resource": arn,
		"message": "console user has active access key access_key_1 that was never used",
	}} with input as user(true, [key("Active", null)])
}
