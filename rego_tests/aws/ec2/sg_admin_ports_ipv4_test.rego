package cspm.checks.aws.ec2.sg_admin_ports_ipv4_test

import data.cspm.checks.aws.ec2.sg_admin_ports_ipv4

arn := "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0abc"

rule(protocol, from, to, v4, v6) := {
	"ip_protocol": protocol,
	"from_port": from,
	"to_port": to,
	"ipv4_cidrs": v4,
	"ipv6_cidrs": v6,
	"source_group_ids": [],
	"prefix_list_ids": [],
}

group(name, ingress, egress) := {"resources": {"aws_security_group": {arn: {
	"id": arn,
	"type": "aws_security_group",
	"config": {"group_name": name, "ingress": ingress, "egress": egress},
}}}}

ingress(rules) := group("web", rules, [])

test_pass_https_from_world if {
	count(sg_admin_ports_ipv4.deny) == 0 with input as ingress([rule("tcp", 443, 443, ["0.0.0.0/0"], [])])
}

test_pass_ssh_from_office if {
	count(sg_admin_ports_ipv4.deny) == 0 with input as ingress([rule("tcp", 22, 22, ["203.0.113.0/24"], [])])
}

test_pass_ssh_from_ipv6_world_is_other_check if {
	count(sg_admin_ports_ipv4.deny) == 0 with input as ingress([rule("tcp", 22, 22, [], ["::/0"])])
}

test_fail_ssh_from_world if {
	sg_admin_ports_ipv4.deny == {{
		"resource": arn,
		"message": "ingress rule (tcp) allows port 22 from 0.0.0.0/0",
	}} with input as ingress([rule("tcp", 22, 22, ["0.0.0.0/0"], [])])
}

test_fail_rdp_inside_port_range if {
	some d in sg_admin_ports_ipv4.deny with input as ingress([rule("tcp", 3000, 4000, ["0.0.0.0/0"], [])])
	d.message == "ingress rule (tcp) allows port 3389 from 0.0.0.0/0"
}

test_fail_all_traffic if {
	count(sg_admin_ports_ipv4.deny) == 2 with input as ingress([rule("-1", null, null, ["0.0.0.0/0"], [])])
}

test_fail_udp_rdp if {
	some d in sg_admin_ports_ipv4.deny with input as ingress([rule("udp", 3389, 3389, ["0.0.0.0/0"], [])])
	d.resource == arn
}

test_pass_icmp_from_world if {
	count(sg_admin_ports_ipv4.deny) == 0 with input as ingress([rule("icmp", -1, -1, ["0.0.0.0/0"], [])])
}
