package cspm.checks.gcp.vpc.ssh_from_internet_test

import data.cspm.checks.gcp.vpc.ssh_from_internet

fid := "//compute.googleapis.com/projects/p/global/firewalls/allow-admin"

rule(overrides) := {"resources": {"google_compute_firewall": {fid: {"id": fid, "config": object.union(
	{
		"direction": "INGRESS",
		"disabled": false,
		"source_ranges": ["0.0.0.0/0"],
		"allowed": [{"protocol": "tcp", "ports": ["22"]}],
	},
	overrides,
)}}}}

test_pass_from_iap_range if {
	count(ssh_from_internet.deny) == 0 with input as rule({"source_ranges": ["35.235.240.0/20"]})
}

test_pass_other_port if {
	count(ssh_from_internet.deny) == 0 with input as rule({"allowed": [{"protocol": "tcp", "ports": ["443", "8000-8080"]}]})
}

test_pass_disabled_rule if {
	count(ssh_from_internet.deny) == 0 with input as rule({"disabled": true})
}

test_pass_egress_rule if {
	count(ssh_from_internet.deny) == 0 with input as rule({"direction": "EGRESS"})
}

test_pass_udp_only if {
	count(ssh_from_internet.deny) == 0 with input as rule({"allowed": [{"protocol": "udp", "ports": []}]})
}

test_fail_port_open_to_world if {
	ssh_from_internet.deny == {{"resource": fid, "message": "ingress rule allows SSH (TCP 22) from anywhere"}} with input as rule({})
}

test_fail_port_range_from_ipv6_world if {
	count(ssh_from_internet.deny) == 1 with input as rule({"source_ranges": ["::/0"], "allowed": [{"protocol": "tcp", "ports": ["1-65535"]}]})
}

test_fail_all_protocols if {
	count(ssh_from_internet.deny) == 1 with input as rule({"allowed": [{"protocol": "all", "ports": []}]})
}
