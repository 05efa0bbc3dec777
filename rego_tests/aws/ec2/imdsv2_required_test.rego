package cspm.checks.aws.ec2.imdsv2_required_test

import data.cspm.checks.aws.ec2.imdsv2_required

arn := "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc"

instance(state, endpoint, tokens) := {"resources": {"aws_instance": {arn: {
	"id": arn,
	"type": "aws_instance",
	"config": {"state": state, "metadata_options": {"http_endpoint": endpoint, "http_tokens": tokens}},
}}}}

test_pass_tokens_required if {
	count(imdsv2_required.deny) == 0 with input as instance("running", "enabled", "required")
}

test_pass_metadata_endpoint_disabled if {
	count(imdsv2_required.deny) == 0 with input as instance("running", "disabled", "optional")
}

test_fail_tokens_optional if {
	some d in imdsv2_required.deny with input as instance("running", "enabled", "optional")
	d.resource == arn
}

test_pass_terminated_not_applicable if {
	count(imdsv2_required.deny) == 0 with input as instance("shutting-down", "enabled", "optional")
	not arn in imdsv2_required.applies with input as instance("shutting-down", "enabled", "optional")
}
