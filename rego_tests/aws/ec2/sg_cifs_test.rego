package cspm.checks.aws.ec2.sg_cifs_test

import data.cspm.checks.aws.ec2.sg_cifs

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

test_pass_smb_from_vpc if {
	count(sg_cifs.deny) == 0 with input as ingress([rule("tcp", 445, 445, ["10.0.0.0/16"], [])])
}

test_pass_https_from_world if {
	count(sg_cifs.deny) == 0 with input as ingress([rule("tcp", 443, 443, ["0.0.0.0/0"], ["::/0"])])
}

test_fail_smb_from_world if {
	sg_cifs.deny == {{
		"resource": arn,
		"message": "ingress rule (tcp) allows port 445 from 0.0.0.0/0",
	}} with input as ingress([rule("tcp", 445, 445, ["0.0.0.0/0"], [])])
}

test_fail_netbios_from_ipv6_world if {
	some d in sg_cifs.deny with input as ingress([rule("tcp", 135, 139, [], ["::/0"])])
	d.message == "ingress rule (tcp) allows port 139 from ::/0"
}
