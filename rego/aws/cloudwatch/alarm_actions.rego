# METADATA
# title: CloudWatch alarms notify someone when they fire
# description: >-
#   An alarm with no action for the ALARM state, or with its actions disabled, changes
#   colour on a dashboard and tells nobody; the condition it watches goes unanswered.
# custom:
#   id: AWS-CLOUDWATCH-016
#   severity: LOW
#   resource_type: aws_cloudwatch_metric_alarm
#   remediation: >-
#     Add an action for the ALARM state (usually an SNS topic with a subscriber) with
#     `aws cloudwatch put-metric-alarm ... --alarm-actions <topic-arn>`, and enable actions
#     with `aws cloudwatch enable-alarm-actions --alarm-names <name>`.
#   compliance:
#     PCI_DSS_v4.0: ["10.2.1.1", "10.4.1", "10.4.1.1", "10.4.2", "10.4.3", "10.6.3", "10.7.1",
#       "10.7.2", "11.5.2", "11.6.1", "12.10.5", "A3.3.1", "A3.5.1"]
package cspm.checks.aws.cloudwatch.alarm_actions

deny contains {"resource": id, "message": "alarm has no action for the ALARM state"} if {
	some id, alarm in input.resources.aws_cloudwatch_metric_alarm
	count(alarm.config.alarm_actions) == 0
}

deny contains {"resource": id, "message": "alarm actions are disabled"} if {
	some id, alarm in input.resources.aws_cloudwatch_metric_alarm
	count(alarm.config.alarm_actions) > 0
	alarm.config.actions_enabled == false
}
