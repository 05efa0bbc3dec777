package cspm.checks.aws.vpc.nacl_all_traffic_test

import data.cspm.checks.aws.vpc.nacl_all_traffic

id := "acl-0123456789abcdef0"

entry(number, protocol, action, cidr) := {
	"rule_number": number,
	"protocol": protocol,
	"rule_action": action,
	"egress": false,
	"cidr_block": cidr,
	"ipv6_cidr_block": null,
}

acl(entries) := {"resources": {"aws_network_acl": {id: {
	"id": id,
	"type": "aws_network_acl",
	"config": {"entries": entries},
}}}}

default_deny := entry(32767, "-1", "deny", "0.0.0.0/0")

test_fail_allow_all_from_the_internet if {
	nacl_all_traffic.deny == {{
		"resource": id,
		"message": "inbound entry 100 allows all traffic from 0.0.0.0/0",
	}} with input as acl([entry(100, "-1", "allow", "0.0.0.0/0"), default_deny])
}

test_fail_ipv6 if {
	e := object.union(entry(101, "-1", "allow", null), {"ipv6_cidr_block": "::/0"})
	some d in nacl_all_traffic.deny with input as acl([e])
	d.message == "inbound entry 101 allows all traffic from ::/0"
}

test_pass_only_https if {
	count(nacl_all_traffic.deny) == 0 with input as acl([entry(100, "6", "allow", "0.0.0.0/0"), default_deny])
}

test_pass_earlier_deny if {
	count(nacl_all_traffic.deny) == 0 with input as acl([entry(90, "-1", "deny", "0.0.0.0/0"), entry(100, "-1", "allow", "0.0.0.0/0")])
}

test_pass_internal_network if {
	count(nacl_all_traffic.deny) == 0 with input as acl([entry(100, "-1", "allow", "10.0.0.0/8"), default_deny])
}

test_pass_egress_ignored if {
	e := object.union(entry(100, "-1", "allow", "0.0.0.0/0"), {"egress": true})
	count(nacl_all_traffic.deny) == 0 with input as acl([e])
}
