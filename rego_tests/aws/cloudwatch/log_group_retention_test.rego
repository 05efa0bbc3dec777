package cspm.checks.aws.cloudwatch.log_group_retention_test

import data.cspm.checks.aws.cloudwatch.log_group_retention

arn := "arn:aws:logs:us-east-1:111122223333:log-group:app"

group(days) := {"resources": {"aws_cloudwatch_log_group": {arn: {
	"id": arn,
	"type": "aws_cloudwatch_log_group",
	"config": {"log_group_name": "app", "retention_in_days": days},
}}}}

test_pass_a_year if {
	count(log_group_retention.deny) == 0 with input as group(365)
}

test_pass_never_expires if {
	count(log_group_retention.deny) == 0 with input as group(null)
}

test_fail_a_week if {
	log_group_retention.deny == {{
		"resource": arn,
		"message": "log group keeps events for 7 day(s), fewer than 365",
	}} with input as group(7)
}
