package cspm.checks.aws.iam.expired_server_certificates_test

import data.cspm.checks.aws.iam.expired_server_certificates

arn := "arn:aws:iam::111122223333:server-certificate/www"

cert(expiration) := {
	"taken_at": "2026-11-29T10:00:00Z",
	"resources": {"aws_iam_server_certificate": {arn: {
		"id": arn,
		"type": "aws_iam_server_certificate",
		"config": {"upload_date": "2025-01-01T00:00:00Z", "expiration": expiration},
	}}},
}

test_pass_valid_certificate if {
	count(expired_server_certificates.deny) == 0 with input as cert("2027-01-01T00:00:00Z")
}

test_fail_expired_certificate if {
	expired_server_certificates.deny == {{
		"resource": arn,
		"message": "certificate expired 28 days ago (2026-11-01T00:00:00Z)",
	}} with input as cert("2026-11-01T00:00:00Z")
}
