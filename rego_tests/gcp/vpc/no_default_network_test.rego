package cspm.checks.gcp.vpc.no_default_network_test

import data.cspm.checks.gcp.vpc.no_default_network

network(name) := {"resources": {"google_compute_network": {"n": {"id": "n", "config": {"self_link": concat("/", ["projects/p/global/networks", name])}}}}}

test_pass_custom_network if {
	count(no_default_network.deny) == 0 with input as network("prod-vpc")
}

test_pass_name_merely_ends_in_default if {
	count(no_default_network.deny) == 0 with input as network("not-default")
}

test_fail_default_network if {
	no_default_network.deny == {{"resource": "n", "message": "the default network exists"}} with input as network("default")
}
