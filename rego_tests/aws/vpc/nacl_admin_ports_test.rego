package cspm.checks.aws.vpc.nacl_admin_ports_test

import data.cspm.checks.aws.vpc.nacl_admin_ports

arn := "arn:aws:ec2:us-east-1:111122223333:network-acl/acl-0abc"

entry(number, action, protocol, cidr, from, to) := {
	"rule_number": number,
	"egress": false,
	"protocol": protocol,
	"rule_action": action,
	"cidr_block": cidr,
	"ipv6_cidr_block": null,
	"from_port": from,
	"to_port": to,
}

default_deny := entry(32767, "deny", "-1", "0.0.0.0/0", null, null)

acl(entries) := {"resources": {"aws_network_acl": {arn: {
	"id": arn,
	"type": "aws_network_acl",
	"config": {"entries": array.concat(entries, [default_deny])},
}}}}

test_pass_only_https_allowed if {
	count(nacl_admin_ports.deny) == 0 with input as acl([entry(100, "allow", "6", "0.0.0.0/0", 443, 443)])
}

test_pass_lower_deny_wins if {
	entries := [
		entry(90, "deny", "6", "0.0.0.0/0", 22, 22),
		entry(91, "deny", "6", "0.0.0.0/0", 3389, 3389),
		entry(100, "allow", "-1", "0.0.0.0/0", null, null),
	]
	count(nacl_admin_ports.deny) == 0 with input as acl(entries)
}

test_pass_ssh_from_office if {
	count(nacl_admin_ports.deny) == 0 with input as acl([entry(100, "allow", "6", "198.51.100.0/24", 22, 22)])
}

test_pass_egress_entry_ignored if {
	e := object.union(entry(100, "allow", "-1", "0.0.0.0/0", null, null), {"egress": true})
	count(nacl_admin_ports.deny) == 0 with input as acl([e])
}

test_fail_aws_default_allow_all if {
	nacl_admin_ports.deny == {
		{"resource": arn, "message": "inbound entry 100 allows port 22 from 0.0.0.0/0"},
		{"resource": arn, "message": "inbound entry 100 allows port 3389 from 0.0.0.0/0"},
	} with input as acl([entry(100, "allow", "-1", "0.0.0.0/0", null, null)])
}

test_fail_allow_before_deny if {
	entries := [
		entry(100, "allow", "6", "0.0.0.0/0", 22, 22),
		entry(110, "deny", "6", "0.0.0.0/0", 22, 22),
	]
	nacl_admin_ports.deny == {{"resource": arn, "message": "inbound entry 100 allows port 22 from 0.0.0.0/0"}} with input as acl(entries)
}

test_fail_ipv6_world if {
	e := object.union(entry(120, "allow", "6", null, 3389, 3389), {"ipv6_cidr_block": "::/0"})
	nacl_admin_ports.deny == {{"resource": arn, "message": "inbound entry 120 allows port 3389 from ::/0"}} with input as acl([e])
}
