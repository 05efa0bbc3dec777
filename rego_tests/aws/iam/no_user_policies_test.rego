package cspm.checks.aws.iam.no_user_policies_test

import data.cspm.checks.aws.iam.no_user_policies

arn := "arn:aws:iam::111122223333:user/dave"

user(attached, inline) := {"resources": {"aws_iam_user": {arn: {
	"id": arn,
	"type": "aws_iam_user",
	"config": {"attached_policy_arns": attached, "inline_policy_names": inline, "groups": ["devs"]},
}}}}

test_pass_permissions_through_groups if {
	count(no_user_policies.deny) == 0 with input as user([], [])
}

test_fail_attached_policy if {
	some d in no_user_policies.deny with input as user(["arn:aws:iam::aws:policy/ReadOnlyAccess"], [])
	d.resource == arn
	d.message == "user has 1 attached and 0 inline policies of its own"
}

test_fail_inline_policy if {
	some d in no_user_policies.deny with input as user([], ["s3-debug"])
	d.resource == arn
}
