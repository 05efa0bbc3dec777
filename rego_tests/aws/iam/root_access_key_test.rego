package cspm.checks.aws.iam.root_access_key_test

import data.cspm.checks.aws.iam.root_access_key

account(keys) := {"resources": {"aws_account": {"111122223333": {
	"id": "111122223333",
	"type": "aws_account",
	"config": {"root_user": {"mfa_active": true, "access_keys_present": keys, "password_last_used": null}},
}}}}

test_pass_no_root_keys if {
	count(root_access_key.deny) == 0 with input as account(0)
}

test_fail_root_key_present if {
	root_access_key.deny == {{"resource": "111122223333", "message": "the root user has 1 access key(s)"}} with input as account(1)
}

test_fail_inactive_keys_count_too if {
	some d in root_access_key.deny with input as account(2)
	d.resource == "111122223333"
	contains(d.message, "2 access key(s)")
}
