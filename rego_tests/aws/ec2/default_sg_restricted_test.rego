package cspm.checks.aws.ec2.default_sg_restricted_test

import data.cspm.checks.aws.ec2.default_sg_restricted

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

self_rule := object.union(rule("-1", null, null, [], []), {"source_group_ids": ["sg-0abc"]})

all_out := rule("-1", null, null, ["0.0.0.0/0"], [])

test_pass_default_group_without_rules if {
	count(default_sg_restricted.deny) == 0 with input as group("default", [], [])
	default_sg_restricted.applies == {arn} with input as group("default", [], [])
}

test_pass_other_group_not_applicable if {
	count(default_sg_restricted.deny) == 0 with input as group("web", [self_rule], [all_out])
	count(default_sg_restricted.applies) == 0 with input as group("web", [self_rule], [all_out])
}

test_fail_default_group_with_aws_default_rules if {
	default_sg_restricted.deny == {{
		"resource": arn,
		"message": "default security group has 1 inbound and 1 outbound rule(s)",
	}} with input as group("default", [self_rule], [all_out])
}

test_fail_default_group_with_egress_only if {
	some d in default_sg_restricted.deny with input as group("default", [], [all_out])
	d.resource == arn
}
