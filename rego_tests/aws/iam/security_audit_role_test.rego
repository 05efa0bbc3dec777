package cspm.checks.aws.iam.security_audit_role_test

import data.cspm.checks.aws.iam.security_audit_role

audit_policy(roles) := {
	"id": "arn:aws:iam::aws:policy/SecurityAudit",
	"type": "aws_iam_policy",
	"name": "SecurityAudit",
	"config": {"aws_managed": true, "attached_roles": roles},
}

snapshot(policies) := {"resources": {
	"aws_account": {"111122223333": {"id": "111122223333", "type": "aws_account", "config": {}}},
	"aws_iam_policy": {p.id: p | some p in policies},
}}

test_pass_audit_role if {
	count(security_audit_role.deny) == 0 with input as snapshot([audit_policy(["cspm-audit"])])
}

test_fail_policy_on_groups_only if {
	security_audit_role.deny == {{
		"resource": "111122223333",
		"message": "no IAM role has the SecurityAudit policy attached",
	}} with input as snapshot([audit_policy([])])
}

test_fail_customer_policy_with_same_name if {
	p := object.union(audit_policy(["r"]), {
		"id": "arn:aws:iam::111122223333:policy/SecurityAudit",
		"config": {"aws_managed": false, "attached_roles": ["r"]},
	})
	some d in security_audit_role.deny with input as snapshot([p])
	d.resource == "111122223333"
}
