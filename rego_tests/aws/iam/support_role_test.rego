package cspm.checks.aws.iam.support_role_test

import data.cspm.checks.aws.iam.support_role

support_policy(roles) := {
	"id": "arn:aws:iam::aws:policy/AWSSupportAccess",
	"type": "aws_iam_policy",
	"name": "AWSSupportAccess",
	"config": {"aws_managed": true, "attached_roles": roles},
}

snapshot(policies) := {"resources": {
	"aws_account": {"111122223333": {"id": "111122223333", "type": "aws_account", "config": {}}},
	"aws_iam_policy": {p.id: p | some p in policies},
}}

test_pass_support_role_attached if {
	count(support_role.deny) == 0 with input as snapshot([support_policy(["incident-responder"])])
}

test_fail_policy_attached_to_no_role if {
	some d in support_role.deny with input as snapshot([support_policy([])])
	d.resource == "111122223333"
}

test_fail_no_policies_collected if {
	some d in support_role.deny with input as {"resources": {"aws_account": {"111122223333": {}}}}
	d.resource == "111122223333"
}

test_fail_customer_policy_with_same_name if {
	p := object.union(support_policy(["r"]), {
		"id": "arn:aws:iam::111122223333:policy/AWSSupportAccess",
		"config": {"aws_managed": false, "attached_roles": ["r"]},
	})
	some d in support_role.deny with input as snapshot([p])
	d.resource == "111122223333"
}
