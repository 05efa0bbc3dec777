package cspm.checks.aws.iam.unused_credentials_test

import data.cspm.checks.aws.iam.unused_credentials

arn := "arn:aws:iam::111122223333:user/bob"

base := {
	"create_date": "2025-01-01T00:00:00Z",
	"password_enabled": true,
	"password_last_used": "2026-11-20T09:00:00Z",
	"access_keys": [{
		"access_key_id": "AKIAEXAMPLE1",
		"status": "Active",
		"create_date": "2026-10-01T00:00:00Z",
		"last_used_date": "2026-11-28T00:00:00Z",
	}],
}

snapshot(config) := {
	"taken_at": "2026-11-29T10:00:00Z",
	"resources": {"aws_iam_user": {arn: {"id": arn, "type": "aws_iam_user", "config": config}}},
}

with_key(patch) := object.union(base, {"access_keys": [object.union(base.access_keys[0], patch)]})

test_pass_recently_used if {
	count(unused_credentials.deny) == 0 with input as snapshot(base)
}

test_pass_unused_key_is_inactive if {
	config := with_key({"status": "Inactive", "last_used_date": "2025-01-01T00:00:00Z"})
	count(unused_credentials.deny) == 0 with input as snapshot(config)
}

test_pass_44_days if {
	config := object.union(base, {"password_last_used": "2026-10-16T10:00:00Z"})
	count(unused_credentials.deny) == 0 with input as snapshot(config)
}

test_fail_password_unused_45_days if {
	config := object.union(base, {"password_last_used": "2026-10-15T10:00:00Z"})
	unused_credentials.deny == {{"resource": arn, "message": "console password last used 45 days ago"}} with input as snapshot(config)
}

test_fail_password_never_used if {
	config := object.union(base, {"password_last_used": null})
	some d in unused_credentials.deny with input as snapshot(config)
	d.resource == arn
	contains(d.message, "never used")
}

test_pass_password_never_used_new_user if {
	config := object.union(base, {"password_last_used": null, "create_date": "2026-11-20T00:00:00Z"})
	count(unused_credentials.deny) == 0 with input as snapshot(config)
}

test_fail_key_unused if {
	config := with_key({"last_used_date": "2026-08-01T00:00:00Z"})
	some d in unused_credentials.deny with input as snapshot(config)
	d.resource == arn
	contains(d.message, "AKIAEXAMPLE1 last used 120 days ago")
}

test_fail_key_never_used if {
	config := with_key({"last_used_date": null})
	some d in unused_credentials.deny with input as snapshot(config)
	contains(d.message, "AKIAEXAMPLE1 never used, created 59 days ago")
}
