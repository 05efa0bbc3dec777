package cspm.checks.gcp.logging.sink_all_entries_test

import data.cspm.checks.gcp.logging.sink_all_entries

pid := "//cloudresourcemanager.googleapis.com/projects/1"

snapshot(sink) := {"resources": {
	"google_project": {pid: {"id": pid, "config": {}}},
	"google_logging_project_sink": {"s": {"config": object.union(
		{"destination": "storage.googleapis.com/logs", "filter": "", "disabled": false, "exclusions": []},
		sink,
	)}},
}}

test_pass_sink_without_filter if {
	count(sink_all_entries.deny) == 0 with input as snapshot({})
}

test_pass_disabled_exclusion_excludes_nothing if {
	count(sink_all_entries.deny) == 0 with input as snapshot({"exclusions": [{"name": "x", "filter": "severity<ERROR", "disabled": true}]})
}

test_fail_no_sinks if {
	sink_all_entries.deny == {{"resource": pid, "message": "no enabled log sink exports all log entries"}} with input as {"resources": {"google_project": {pid: {"id": pid, "config": {}}}}}
}

test_fail_filtered_sink if {
	count(sink_all_entries.deny) == 1 with input as snapshot({"filter": "severity>=ERROR"})
}

test_fail_disabled_sink if {
	count(sink_all_entries.deny) == 1 with input as snapshot({"disabled": true})
}

test_fail_active_exclusion if {
	count(sink_all_entries.deny) == 1 with input as snapshot({"exclusions": [{"name": "x", "filter": "severity<ERROR", "disabled": false}]})
}
