package cspm.checks.aws.cloudtrail.cloudwatch_logs_test

import data.cspm.checks.aws.cloudtrail.cloudwatch_logs

arn := "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"

group := "arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*"

trail(logging, log_group) := {"resources": {"aws_cloudtrail_trail": {arn: {
	"id": arn,
	"type": "aws_cloudtrail_trail",
	"config": {"is_logging": logging, "cloud_watch_logs_log_group_arn": log_group},
}}}}

test_pass_logging_to_a_log_group if {
	count(cloudwatch_logs.deny) == 0 with input as trail(true, group)
}

test_fail_no_log_group if {
	cloudwatch_logs.deny == {{
		"resource": arn,
		"message": "trail does not deliver events to CloudWatch Logs",
	}} with input as trail(true, null)
}

test_fail_empty_log_group if {
	some d in cloudwatch_logs.deny with input as trail(true, "")
	d.resource == arn
}

test_fail_trail_stopped if {
	some d in cloudwatch_logs.deny with input as trail(false, group)
	d.resource == arn
}
