package cspm.checks.aws.s3.block_public_access_test

import data.cspm.checks.aws.s3.block_public_access

arn := "arn:aws:s3:::b"

all_on := {
	"block_public_acls": true,
	"ignore_public_acls": true,
	"block_public_policy": true,
	"restrict_public_buckets": true,
}

snapshot(bucket_block, account_block) := {"resources": {
	"aws_s3_bucket": {arn: {"id": arn, "type": "aws_s3_bucket", "config": {"public_access_block": bucket_block}}},
	"aws_account": {"111122223333": {"id": "111122223333", "type": "aws_account", "config": {"s3_public_access_block": account_block}}},
}}

test_pass_bucket_level if {
	count(block_public_access.deny) == 0 with input as snapshot(all_on, null)
}

test_pass_account_level if {
	count(block_public_access.deny) == 0 with input as snapshot(null, all_on)
}

test_pass_levels_combined if {
	bucket := object.union(all_on, {"block_public_policy": false, "restrict_public_buckets": false})
	account := object.union(all_on, {"block_public_acls": false, "ignore_public_acls": false})
	count(block_public_access.deny) == 0 with input as snapshot(bucket, account)
}

test_fail_nothing_blocked if {
	some d in block_public_access.deny with input as snapshot(null, null)
	d.resource == arn
	d.message == "Block Public Access is off at bucket and account level for: block_public_acls, ignore_public_acls, block_public_policy, restrict_public_buckets"
}

test_fail_policy_not_blocked if {
	bucket := object.union(all_on, {"block_public_policy": false})
	block_public_access.deny == {{
		"resource": arn,
		"message": "Block Public Access is off at bucket and account level for: block_public_policy",
	}} with input as snapshot(bucket, null)
}

test_fail_no_account_resource if {
	some d in block_public_access.deny with input as {"resources": {"aws_s3_bucket": {arn: {"config": {"public_access_block": null}}}}}
	d.resource == arn
}
