package cspm.checks.aws.ec2.sg_admin_ports_ipv6_test

import data.cspm.checks.aws.ec2.sg_admin_ports_ipv6

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

test_pass_ssh_from_ipv6_range if {
	count(sg_admin_ports_ipv6.deny) == 0 with input as ingress([rule("tcp", 22, 22, [], ["2001:db8::/32"])])
}

test_pass_ipv4_world_is_other_check if {
	count(sg_admin_ports_ipv6.deny) == 0 with input as ingress([rule("tcp", 22, 22, ["0.0.0.0/0"], [])])
}

test_fail_ssh_from_ipv6_world if {
	sg_admin_ports_ipv6.deny == {{
		"resource": arn,
		"message": "ingress rule (tcp) allows port 22 from ::/0",
	}} with input as ingress([rule("6", 0, 1024, [], ["::/0"])])
}

test_fail_all_traffic if {
	some d in sg_admin_ports_ipv6.deny with input as ingress([rule("-1", null, null, [], ["::/0"])])
	d.message == "ingress rule (all traffic) allows port 3389 from ::/0"
}
