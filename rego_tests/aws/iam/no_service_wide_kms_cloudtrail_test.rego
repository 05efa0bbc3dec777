package cspm.checks.aws.iam.no_service_wide_kms_cloudtrail_test

import data.cspm.checks.aws.iam.no_service_wide_kms_cloudtrail as check

arn := "arn:aws:iam::111122223333:policy/ops"

policy(managed, statements) := {"resources": {"aws_iam_policy": {arn: {
	"id": arn,
	"type": "aws_iam_policy",
	"config": {"aws_managed": managed, "document": {"Statement": statements}},
}}}}

allow(actions) := {"Effect": "Allow", "Action": actions, "Resource": ["*"]}

test_pass_named_actions if {
	count(check.deny) == 0 with input as policy(false, [allow(["kms:Decrypt", "cloudtrail:LookupEvents"])])
}

test_fail_kms_star if {
	check.deny == {{"resource": arn, "message": "policy allows kms:*"}} with input as policy(false, [allow(["kms:*"])])
}

test_fail_both_services_any_case if {
	check.deny == {{"resource": arn, "message": "policy allows CloudTrail:*, KMS:*"}} with input as policy(false, [allow(["KMS:*"]), allow(["CloudTrail:*", "s3:GetObject"])])
}

test_pass_deny_statement if {
	stmt := object.union(allow(["kms:*"]), {"Effect": "Deny"})
	count(check.deny) == 0 with input as policy(false, [stmt])
}

test_pass_aws_managed_policy if {
	count(check.deny) == 0 with input as policy(true, [allow(["kms:*"])])
}
