package cspm.checks.gcp.logging.network_alert_test

import data.cspm.checks.gcp.logging.network_alert

pid := "//cloudresourcemanager.googleapis.com/projects/1"

filter := "resource.type=\"gce_network\" AND (protoPayload.methodName:\"compute.networks.insert\" OR protoPayload.methodName:\"compute.networks.patch\" OR protoPayload.methodName:\"compute.networks.delete\" OR protoPayload.methodName:\"compute.networks.removePeering\" OR protoPayload.methodName:\"compute.networks.addPeering\")"

snapshot(metric_filter, alert_enabled) := {"resources": {
	"google_project": {pid: {"id": pid, "config": {}}},
	"google_logging_metric": {"m": {"config": {"metric_name": "watched", "filter": metric_filter, "disabled": false}}},
	"google_monitoring_alert_policy": {"a": {"config": {
		"enabled": alert_enabled,
		"condition_filters": ["resource.type = \"global\" AND metric.type = \"logging.googleapis.com/user/watched\""],
	}}},
}}

test_pass_metric_with_enabled_alert if {
	count(network_alert.deny) == 0 with input as snapshot(filter, true)
}

test_pass_filter_spread_over_lines if {
	count(network_alert.deny) == 0 with input as snapshot(replace(filter, " ", "\n  "), true)
}

test_fail_alert_disabled if {
	network_alert.deny == {{"resource": pid, "message": "no alerted log metric for VPC network changes"}} with input as snapshot(filter, false)
}

test_fail_filter_misses_a_term if {
	count(network_alert.deny) == 1 with input as snapshot("resource.type=\"nothing\"", true)
}

test_fail_no_metrics if {
	count(network_alert.deny) == 1 with input as {"resources": {"google_project": {pid: {"id": pid, "config": {}}}}}
}
