package cspm.lib.gcp.logging_test

import data.cspm.lib.gcp.logging

test_compact_and_fragments if {
	logging.compact("resource.type = \"gce_route\"\n  AND x") == "resource.type=\"gce_route\"andx"
	logging.filter_has_all("A = \"b\" AND c", ["a=\"B\"", "C"])
	not logging.filter_has_all("a = b", ["a=b", "c"])
}

test_metric_alerted_needs_the_metric_and_an_enabled_policy if {
	policies := {"p": {"config": {"enabled": true, "condition_filters": ["metric.type=\"logging.googleapis.com/user/owners\""]}}}
	logging.metric_alerted("owners", policies)
	not logging.metric_alerted("other", policies)
	not logging.metric_alerted("owners", {"p": {"config": {"enabled": false, "condition_filters": policies.p.config.condition_filters}}})
}
