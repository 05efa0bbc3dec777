package cspm.checks.aws.cloudwatch.alarm_actions_test

import data.cspm.checks.aws.cloudwatch.alarm_actions

arn := "arn:aws:cloudwatch:us-east-1:111122223333:alarm:root-usage"

topic := "arn:aws:sns:us-east-1:111122223333:security"

alarm(enabled, actions) := {"resources": {"aws_cloudwatch_metric_alarm": {arn: {
	"id": arn,
	"type": "aws_cloudwatch_metric_alarm",
	"config": {"actions_enabled": enabled, "alarm_actions": actions},
}}}}

test_pass_enabled_action if {
	count(alarm_actions.deny) == 0 with input as alarm(true, [topic])
}

test_fail_no_action if {
	alarm_actions.deny == {{
		"resource": arn,
		"message": "alarm has no action for the ALARM state",
	}} with input as alarm(true, [])
}

test_fail_actions_disabled if {
	alarm_actions.deny == {{"resource": arn, "message": "alarm actions are disabled"}} with input as alarm(false, [topic])
}
