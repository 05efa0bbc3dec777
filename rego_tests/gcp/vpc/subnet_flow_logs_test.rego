package cspm.checks.gcp.vpc.subnet_flow_logs_test

import data.cspm.checks.gcp.vpc.subnet_flow_logs

sid := "//compute.googleapis.com/projects/p/regions/us-central1/subnetworks/app"

full := {
	"enable": true,
	"aggregation_interval": "INTERVAL_5_SEC",
	"flow_sampling": 1,
	"metadata": "INCLUDE_ALL_METADATA",
	"filter_expr": null,
}

subnet(purpose, log) := {"resources": {"google_compute_subnetwork": {sid: {
	"id": sid,
	"config": {"purpose": purpose, "log_config": log},
}}}}

test_pass_full_flow_logs if {
	count(subnet_flow_logs.deny) == 0 with input as subnet("PRIVATE", full)
}

test_pass_proxy_only_subnet_does_not_apply if {
	subnet_flow_logs.applies == set() with input as subnet("REGIONAL_MANAGED_PROXY", null)
}

test_fail_never_configured if {
	subnet_flow_logs.deny == {{"resource": sid, "message": "flow logs are off"}} with input as subnet("PRIVATE", null)
}

test_fail_disabled if {
	count(subnet_flow_logs.deny) == 1 with input as subnet("PRIVATE", object.union(full, {"enable": false}))
}

test_fail_defaults_sample_half if {
	subnet_flow_logs.deny == {{
		"resource": sid,
		"message": "flow logs are partial: a filter limits what is logged, aggregation interval is not 5 seconds, only 0.5 of flows are sampled",
	}} with input as subnet("PRIVATE", object.union(full, {
		"flow_sampling": 0.5,
		"aggregation_interval": "INTERVAL_1_MIN",
		"filter_expr": "inIpRange(connection.src_ip, '10.0.0.0/8')",
	}))
}

test_fail_metadata_excluded if {
	count(subnet_flow_logs.deny) == 1 with input as subnet("PRIVATE", object.union(full, {"metadata": "EXCLUDE_ALL_METADATA"}))
}
