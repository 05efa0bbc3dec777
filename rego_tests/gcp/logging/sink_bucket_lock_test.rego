package cspm.checks.gcp.logging.sink_bucket_lock_test

import data.cspm.checks.gcp.logging.sink_bucket_lock

bid := "//storage.googleapis.com/audit-logs"

snapshot(retention) := {"resources": {
	"google_logging_project_sink": {"s": {"config": {"destination": "storage.googleapis.com/audit-logs"}}},
	"google_storage_bucket": {
		bid: {"id": bid, "name": "audit-logs", "config": {"retention_policy": retention}},
		"//storage.googleapis.com/other": {"name": "other", "config": {"retention_policy": null}},
	},
}}

test_pass_locked_retention if {
	count(sink_bucket_lock.deny) == 0 with input as snapshot({"retention_period_seconds": 31536000, "is_locked": true})
	sink_bucket_lock.applies == {bid} with input as snapshot({"retention_period_seconds": 31536000, "is_locked": true})
}

test_fail_unlocked if {
	sink_bucket_lock.deny == {{"resource": bid, "message": "log bucket's retention policy is not locked"}} with input as snapshot({"retention_period_seconds": 31536000, "is_locked": false})
}

test_fail_no_retention if {
	sink_bucket_lock.deny == {{"resource": bid, "message": "log bucket has no retention policy"}} with input as snapshot(null)
}
