package cspm.checks.aws.s3.public_read_test

import data.cspm.checks.aws.s3.public_read

arn := "arn:aws:s3:::b"

all_users := "http://acs.amazonaws.com/groups/global/AllUsers"

authenticated := "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"

grant(uri, permission) := {"grantee_uri": uri, "grantee_id": null, "permission": permission}

owner := {"grantee_uri": null, "grantee_id": "abc", "permission": "FULL_CONTROL"}

snapshot(config, account_block) := {"resources": {
	"aws_s3_bucket": {arn: {"id": arn, "type": "aws_s3_bucket", "config": object.union(
		{"acl_grants": [owner], "policy_is_public": false, "public_access_block": null},
		config,
	)}},
	"aws_account": {"111122223333": {"id": "111122223333", "type": "aws_account", "config": {"s3_public_access_block": account_block}}},
}}

test_pass_private if {
	count(public_read.deny) == 0 with input as snapshot({}, null)
}

test_pass_public_acl_ignored_by_bucket_block if {
	config := {"acl_grants": [grant(all_users, "READ")], "public_access_block": {"ignore_public_acls": true}}
	count(public_read.deny) == 0 with input as snapshot(config, null)
}

test_pass_public_policy_restricted_by_account if {
	count(public_read.deny) == 0 with input as snapshot({"policy_is_public": true}, {"restrict_public_buckets": true})
}

test_fail_all_users_read if {
	public_read.deny == {{"resource": arn, "message": "bucket is publicly readable: ACL grants READ to AllUsers"}} with input as snapshot({"acl_grants": [owner, grant(all_users, "READ")]}, null)
}

test_fail_authenticated_users_and_policy if {
	config := {"acl_grants": [grant(authenticated, "FULL_CONTROL")], "policy_is_public": true}
	public_read.deny == {{"resource": arn, "message": "bucket is publicly readable: ACL grants FULL_CONTROL to AuthenticatedUsers; bucket policy is public"}} with input as snapshot(config, null)
}

test_fail_policy_blocked_only_for_acls if {
	config := {"policy_is_public": true, "public_access_block": {"ignore_public_acls": true}}
	count(public_read.deny) == 1 with input as snapshot(config, null)
}
