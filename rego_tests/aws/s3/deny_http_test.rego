package cspm.checks.aws.s3.deny_http_test

import data.cspm.checks.aws.s3.deny_http

bucket(policy) := {"resources": {"aws_s3_bucket": {"arn:aws:s3:::b": {
	"id": "arn:aws:s3:::b",
	"type": "aws_s3_bucket",
	"config": {"policy": policy},
}}}}

secure_transport_statement := {
	"Effect": "Deny",
	"Principal": "*",
	"Action": ["s3:*"],
	"Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
	"Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

test_pass_policy_denies_insecure_transport if {
	count(deny_http.deny) == 0 with input as bucket({"Statement": [secure_transport_statement]})
}

test_pass_principal_given_as_aws_wildcard if {
	stmt := json.patch(secure_transport_statement, [{"op": "replace", "path": "/Principal", "value": {"AWS": ["*"]}}])
	count(deny_http.deny) == 0 with input as bucket({"Statement": [stmt]})
}

test_fail_no_bucket_policy if {
	some d in deny_http.deny with input as bucket(null)
	d.resource == "arn:aws:s3:::b"
}

test_fail_condition_allows_http if {
	stmt := json.patch(secure_transport_statement, [{"op": "replace", "path": "/Condition/Bool/aws:SecureTransport", "value": "true"}])
	count(deny_http.deny) == 1 with input as bucket({"Statement": [stmt]})
}

test_fail_allow_statement_is_not_enough if {
	stmt := object.union(secure_transport_statement, {"Effect": "Allow"})
	count(deny_http.deny) == 1 with input as bucket({"Statement": [stmt]})
}
