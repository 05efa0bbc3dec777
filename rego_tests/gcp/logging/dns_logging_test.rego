package cspm.checks.gcp.logging.dns_logging_test

import data.cspm.checks.gcp.logging.dns_logging

nid := "//compute.googleapis.com/projects/p/global/networks/vpc"

snapshot(enabled, networks) := {"resources": {
	"google_compute_network": {nid: {"id": nid, "config": {"self_link": "projects/p/global/networks/vpc"}}},
	"google_dns_policy": {"d": {"config": {"enable_logging": enabled, "networks": networks}}},
}}

test_pass_logging_policy_bound if {
	count(dns_logging.deny) == 0 with input as snapshot(true, ["projects/p/global/networks/vpc"])
}

test_fail_policy_without_logging if {
	dns_logging.deny == {{"resource": nid, "message": "no DNS policy with logging covers this network"}} with input as snapshot(false, ["projects/p/global/networks/vpc"])
}

test_fail_policy_on_other_network if {
	count(dns_logging.deny) == 1 with input as snapshot(true, ["projects/p/global/networks/other"])
}
