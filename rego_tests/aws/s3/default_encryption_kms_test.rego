package cspm.checks.aws.s3.default_encryption_kms_test

import data.cspm.checks.aws.s3.default_encryption_kms

arn := "arn:aws:s3:::acme-data"

bucket(encryption) := {"resources": {"aws_s3_bucket": {arn: {
	"id": arn,
	"type": "aws_s3_bucket",
	"config": {"encryption": encryption},
}}}}

test_pass_sse_kms if {
	count(default_encryption_kms.deny) == 0 with input as bucket({"sse_algorithm": "aws:kms", "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/k"})
}

test_pass_dsse_kms if {
	count(default_encryption_kms.deny) == 0 with input as bucket({"sse_algorithm": "aws:kms:dsse", "kms_key_id": null})
}

test_fail_sse_s3 if {
	default_encryption_kms.deny == {{
		"resource": arn,
		"message": "bucket encrypts by default with AES256 (S3-managed keys), not a KMS key",
	}} with input as bucket({"sse_algorithm": "AES256", "kms_key_id": null})
}

test_fail_no_default_encryption if {
	default_encryption_kms.deny == {{"resource": arn, "message": "bucket has no default encryption configured"}} with input as bucket(null)
}
