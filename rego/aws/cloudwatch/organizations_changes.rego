# METADATA
# title: A metric filter and alarm monitor AWS Organizations changes
# description: >-
#   Organization changes can move accounts out from under guardrails such as SCPs. CIS
#   asks for a metric filter on the CloudTrail log group of a multi-region trail, an
#   alarm on its metric, and an SNS topic with a confirmed subscriber.
# custom:
#   id: AWS-CLOUDWATCH-015
#   severity: LOW
#   resource_type: aws_account
#   remediation: >-
#     Send a multi-region trail that records all management events to CloudWatch Logs,
#     then `aws logs put-metric-filter` on its log group with the CIS 4.15 pattern,
#     `aws cloudwatch put-metric-alarm` on the filter's metric, and point the alarm at
#     an SNS topic that someone has subscribed to.
#   compliance:
#     CIS_AWS_v5.0: ["4.15"]
#     PCI_DSS_v4.0: ["10.4.1"]
#     SOC2: ["CC5.2", "CC7.2"]
#     ISO_27001_2022: ["A.8.15", "A.8.16"]
package cspm.checks.aws.cloudwatch.organizations_changes

import data.cspm.lib.aws.monitoring

required := monitoring.event_names([
	"AcceptHandshake",
	"AttachPolicy",
	"CreateAccount",
	"CreateOrganizationalUnit",
	"CreatePolicy",
	"DeclineHandshake",
	"DeleteOrganization",
	"DeleteOrganizationalUnit",
	"DeletePolicy",
	"DetachPolicy",
	"DisablePolicyType",
	"EnablePolicyType",
	"InviteAccountToOrganization",
	"LeaveOrganization",
	"MoveAccount",
	"RemoveAccountFromOrganization",
	"UpdatePolicy",
	"UpdateOrganizationalUnit",
])

deny contains {"resource": id, "message": "no metric filter and alarm with a subscribed SNS topic monitor AWS Organizations changes"} if {
	some id, _ in input.resources.aws_account
	not monitored
}

monitored if {
	some trail in input.resources.aws_cloudtrail_trail
	group := monitoring.monitored_log_group(
		trail.config.is_multi_region_trail,
		trail.config.is_logging,
		trail.config.event_selectors,
		trail.config.advanced_event_selectors,
		trail.config.cloud_watch_logs_log_group_arn,
	)
	some filter in input.resources.aws_cloudwatch_log_metric_filter
	filter.config.log_group_arn == group
	monitoring.covers(filter.config.filter_pattern, required)
	some alarm in input.resources.aws_cloudwatch_metric_alarm
	alarm.region == filter.region
	alarm.config.actions_enabled == true
	monitoring.watches(alarm.config.metrics, filter.config.metric_transformations)
	some topic_arn in alarm.config.alarm_actions
	monitoring.notifies(input.resources.aws_sns_topic[topic_arn].config.subscriptions)
}
