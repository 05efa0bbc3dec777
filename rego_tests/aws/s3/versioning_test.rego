package cspm.checks.aws.s3.versioning_test

import data.cspm.checks.aws.s3.versioning

arn := "arn:aws:s3:::acme-data"

bucket(status) := {"resources": {"aws_s3_bucket": {arn: {
	"id": arn,
	"type": "aws_s3_bucket",
	"config": {"versioning": {"status": status, "mfa_delete": false}},
}}}}

test_pass_enabled if {
	count(versioning.deny) == 0 with input as bucket("Enabled")
}

test_fail_suspended if {
	versioning.deny == {{"resource": arn, "message": "bucket versioning is suspended"}} with input as bucket("Suspended")
}

test_fail_never_enabled if {
	versioning.deny == {{"resource": arn, "message": "bucket versioning is disabled"}} with input as bucket("Disabled")
}
