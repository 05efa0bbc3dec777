package cspm.checks.gcp.vpc.no_legacy_network_test

import data.cspm.checks.gcp.vpc.no_legacy_network

network(legacy) := {"resources": {"google_compute_network": {"n": {"id": "n", "config": {"legacy": legacy}}}}}

test_pass_vpc_network if {
	count(no_legacy_network.deny) == 0 with input as network(false)
}

test_fail_legacy_network if {
	no_legacy_network.deny == {{"resource": "n", "message": "legacy (non-VPC) network"}} with input as network(true)
}
