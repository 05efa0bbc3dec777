package cspm.checks.aws.iam.root_recent_use_test

import data.cspm.checks.aws.iam.root_recent_use

account(activity) := {
	"taken_at": "2026-11-29T10:00:00Z",
	"resources": {"aws_account": {"111122223333": {"id": "111122223333", "config": {"root_activity": activity}}}},
}

unused := {"password_last_used": null, "access_key_1_last_used": null, "access_key_2_last_used": null}

test_pass_never_used if {
	count(root_recent_use.deny) == 0 with input as account(unused)
}

test_pass_used_long_ago if {
	count(root_recent_use.deny) == 0 with input as account(object.union(unused, {"password_last_used": "2026-09-01T00:00:00Z"}))
}

test_pass_activity_not_reported if {
	count(root_recent_use.deny) == 0 with input as account(null)
}

test_fail_password_used_recently if {
	root_recent_use.deny == {{
		"resource": "111122223333",
		"message": "the root user's password was used 3 day(s) ago",
	}} with input as account(object.union(unused, {"password_last_used": "2026-11-26T09:00:00Z"}))
}

test_fail_access_key_used_recently if {
	some d in root_recent_use.deny with input as account(object.union(unused, {"access_key_2_last_used": "2026-11-29T08:00:00Z"}))
	contains(d.message, "access key 2")
}
