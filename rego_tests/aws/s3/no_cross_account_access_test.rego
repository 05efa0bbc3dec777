package cspm.checks.aws.s3.no_cross_account_access_test

import data.cspm.checks.aws.s3.no_cross_account_access as check

arn := "arn:aws:s3:::acme-data"

own := "111122223333"

snapshot(statements) := {"resources": {
	"aws_account": {own: {"id": own, "type": "aws_account", "config": {}}},
	"aws_s3_bucket": {arn: {
		"id": arn,
		"type": "aws_s3_bucket",
		"config": {"policy": {"Statement": statements}},
	}},
}}

allow(principal) := {"Effect": "Allow", "Principal": principal, "Action": ["s3:GetObject"], "Resource": [sprintf("%s/*", [arn])]}

test_pass_own_account_role if {
	count(check.deny) == 0 with input as snapshot([allow({"AWS": "arn:aws:iam::111122223333:role/app"})])
}

test_pass_service_principal if {
	count(check.deny) == 0 with input as snapshot([allow({"Service": "logging.s3.amazonaws.com"})])
}

test_pass_no_policy if {
	doc := {"resources": {
		"aws_account": {own: {"id": own, "type": "aws_account", "config": {}}},
		"aws_s3_bucket": {arn: {"id": arn, "type": "aws_s3_bucket", "config": {"policy": null}}},
	}}
	count(check.deny) == 0 with input as doc
}

test_pass_deny_naming_another_account if {
	stmt := object.union(allow({"AWS": "444455556666"}), {"Effect": "Deny"})
	count(check.deny) == 0 with input as snapshot([stmt])
}

test_fail_other_account_root_and_id if {
	check.deny == {{
		"resource": arn,
		"message": "bucket policy allows other AWS accounts: 444455556666, 777788889999",
	}} with input as snapshot([allow({"AWS": ["arn:aws:iam::444455556666:root", "777788889999"]})])
}

test_pass_public_left_to_s3_005 if {
	count(check.deny) == 0 with input as snapshot([allow("*"), allow({"AWS": "*"})])
}
