package cspm.checks.aws.lambda.not_public_test

import data.cspm.checks.aws.lambda.not_public

arn := "arn:aws:lambda:us-east-1:111122223333:function:thumbnailer"

function(statements, urls) := {"resources": {"aws_lambda_function": {arn: {"id": arn, "config": {
	"policy": {"Version": "2012-10-17", "Statement": statements},
	"url_auth_types": urls,
}}}}}

stmt(principal, condition) := {
	"Sid": "invoke",
	"Effect": "Allow",
	"Principal": principal,
	"Action": ["lambda:InvokeFunction"],
	"Condition": condition,
}

test_pass_service_principal if {
	count(not_public.deny) == 0 with input as function([stmt({"Service": "s3.amazonaws.com"}, {})], [])
}

test_pass_anyone_limited_to_a_source_account if {
	s := stmt("*", {"StringEquals": {"AWS:SourceAccount": "111122223333"}})
	count(not_public.deny) == 0 with input as function([s], ["AWS_IAM"])
}

test_pass_no_policy if {
	count(not_public.deny) == 0 with input as {"resources": {"aws_lambda_function": {arn: {"config": {"policy": null, "url_auth_types": []}}}}}
}

test_fail_anyone if {
	not_public.deny == {{
		"resource": arn,
		"message": "resource policy statement \"invoke\" lets anyone invoke the function",
	}} with input as function([stmt("*", {})], [])
}

test_fail_anyone_through_aws_principal if {
	some d in not_public.deny with input as function([stmt({"AWS": ["*"]}, {})], [])
	d.resource == arn
}

test_fail_unauthenticated_url if {
	not_public.deny == {{
		"resource": arn,
		"message": "a function URL accepts requests without authentication",
	}} with input as function([], ["NONE"])
}
