package cspm.checks.aws.cloudtrail.log_file_validation_test

import data.cspm.checks.aws.cloudtrail.log_file_validation

arn := "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"

trail(on) := {"resources": {"aws_cloudtrail_trail": {arn: {
	"id": arn,
	"type": "aws_cloudtrail_trail",
	"config": {"log_file_validation_enabled": on},
}}}}

test_pass_validation_on if {
	count(log_file_validation.deny) == 0 with input as trail(true)
}

test_fail_validation_off if {
	some d in log_file_validation.deny with input as trail(false)
	d.resource == arn
}
