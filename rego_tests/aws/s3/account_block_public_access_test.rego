package cspm.checks.aws.s3.account_block_public_access_test

import data.cspm.checks.aws.s3.account_block_public_access

all_on := {
	"block_public_acls": true,
	"ignore_public_acls": true,
	"block_public_policy": true,
	"restrict_public_buckets": true,
}

account(block) := {"resources": {"aws_account": {"111122223333": {
	"id": "111122223333",
	"type": "aws_account",
	"config": {"s3_public_access_block": block},
}}}}

test_pass_all_on if {
	count(account_block_public_access.deny) == 0 with input as account(all_on)
}

test_fail_not_configured if {
	account_block_public_access.deny == {{
		"resource": "111122223333",
		"message": "account-level S3 Block Public Access is not configured",
	}} with input as account(null)
}

test_fail_some_off if {
	block := object.union(all_on, {"ignore_public_acls": false, "restrict_public_buckets": false})
	account_block_public_access.deny == {{
		"resource": "111122223333",
		"message": "account-level S3 Block Public Access is off for: ignore_public_acls, restrict_public_buckets",
	}} with input as account(block)
}
