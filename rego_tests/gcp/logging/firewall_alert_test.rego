package cspm.checks.gcp.logging.firewall_alert_test

import data.cspm.checks.gcp.logging.firewall_alert

pid := "//cloudresourcemanager.googleapis.com/projects/1"

filter := "resource.type=\"gce_firewall_rule\" AND (protoPayload.methodName:\"compute.firewalls.patch\" OR protoPayload.methodName:\"compute.firewalls.insert\" OR protoPayload.methodName:\"compute.firewalls.delete\")"

snapshot(metric_filter, alert_enabled) := {"resources": {
	"google_project": {pid: {"id": pid, "config": {}}},
	"google_logging_metric": {"m": {"config": {"metric_name": "watched", "filter": metric_filter, "disabled": false}}},
	"google_monitoring_alert_policy": {"a": {"config": {
		"enabled": alert_enabled,
		"condition_filters": ["resource.type = \"global\" AND metric.type = \"logging.googleapis.com/user/watched\""],
	}}},
}}

test_pass_metric_with_enabled_alert if {
	count(firewall_alert.deny) == 0 with input as snapshot(filter, true)
}

test_pass_filter_spread_over_lines if {
	count(firewall_alert.deny) == 0 with input as snapshot(replace(filter, " ", "\n  "), true)
}

test_fail_alert_disabled if {
	firewall_alert.deny == {{"resource": pid, "message": "no alerted log metric for VPC firewall rule changes"}} with input as snapshot(filter, false)
}

test_fail_filter_misses_a_term if {
	count(firewall_alert.deny) == 1 with input as snapshot("resource.type=\"nothing\"", true)
}

test_fail_no_metrics if {
	count(firewall_alert.deny) == 1 with input as {"resources": {"google_project": {pid: {"id": pid, "config": {}}}}}
}
