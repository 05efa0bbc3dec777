package cspm.checks.aws.cloudwatch.nacl_changes_test

import data.cspm.checks.aws.cloudwatch.nacl_changes
import data.cspm.fixtures.aws.monitoring as fx

pattern := fx.patterns["4.11"]

test_pass_full_chain if {
	count(nacl_changes.deny) == 0 with input as fx.snapshot(pattern, {})
}

test_fail_nothing_monitored if {
	nacl_changes.deny == {{
		"resource": fx.account,
		"message": "no metric filter and alarm with a subscribed SNS topic monitor network ACL changes",
	}} with input as {"resources": {"aws_account": fx.accounts}}
}

test_fail_pattern_misses_an_event if {
	some d in nacl_changes.deny with input as fx.snapshot(fx.without_last_atom(pattern), {})
	d.resource == fx.account
}

test_fail_single_region_trail if {
	some d in nacl_changes.deny with input as fx.snapshot(pattern, {"trail": {"is_multi_region_trail": false}})
	d.resource == fx.account
}

test_fail_trail_not_logging if {
	some d in nacl_changes.deny with input as fx.snapshot(pattern, {"trail": {"is_logging": false}})
	d.resource == fx.account
}

test_fail_alarm_in_another_region if {
	some d in nacl_changes.deny with input as fx.snapshot(pattern, {"alarm_region": "eu-west-1"})
	d.resource == fx.account
}

test_fail_alarm_on_another_metric if {
	some d in nacl_changes.deny with input as fx.snapshot(pattern, {"alarm": {"metrics": [{"metric_name": "other", "namespace": "x"}]}})
	d.resource == fx.account
}

test_fail_alarm_actions_disabled if {
	some d in nacl_changes.deny with input as fx.snapshot(pattern, {"alarm": {"actions_enabled": false}})
	d.resource == fx.account
}

test_fail_topic_without_confirmed_subscription if {
	subs := [{"protocol": "email", "confirmed": false}]
	some d in nacl_changes.deny with input as fx.snapshot(pattern, {"topic": {"subscriptions": subs}})
	d.resource == fx.account
}
