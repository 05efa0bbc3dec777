package cspm.checks.aws.cloudtrail.kms_encryption_test

import data.cspm.checks.aws.cloudtrail.kms_encryption

arn := "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"

trail(key) := {"resources": {"aws_cloudtrail_trail": {arn: {
	"id": arn,
	"type": "aws_cloudtrail_trail",
	"config": {"kms_key_id": key},
}}}}

test_pass_kms_key if {
	count(kms_encryption.deny) == 0 with input as trail("arn:aws:kms:us-east-1:111122223333:key/abcd")
}

test_fail_sse_s3_only if {
	some d in kms_encryption.deny with input as trail(null)
	d.resource == arn
}
