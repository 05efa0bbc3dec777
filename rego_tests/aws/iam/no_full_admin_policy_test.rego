package cspm.checks.aws.iam.no_full_admin_policy_test

import data.cspm.checks.aws.iam.no_full_admin_policy

arn := "arn:aws:iam::111122223333:policy/ops"

policy(statement, attachments) := {"resources": {"aws_iam_policy": {arn: {
	"id": arn,
	"type": "aws_iam_policy",
	"config": {"attachment_count": attachments, "document": {"Statement": [statement]}},
}}}}

admin := {"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}

test_pass_scoped_policy if {
	stmt := {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["*"]}
	count(no_full_admin_policy.deny) == 0 with input as policy(stmt, 3)
}

test_pass_admin_policy_not_attached if {
	count(no_full_admin_policy.deny) == 0 with input as policy(admin, 0)
}

test_pass_service_wildcard_on_one_resource if {
	stmt := {"Effect": "Allow", "Action": ["*"], "Resource": ["arn:aws:s3:::b/*"]}
	count(no_full_admin_policy.deny) == 0 with input as policy(stmt, 1)
}

test_pass_deny_star if {
	stmt := object.union(admin, {"Effect": "Deny"})
	count(no_full_admin_policy.deny) == 0 with input as policy(stmt, 1)
}

test_fail_attached_admin_policy if {
	no_full_admin_policy.deny == {{
		"resource": arn,
		"message": "policy allows \"*\" on \"*\" and is attached to 2 identities",
	}} with input as policy(admin, 2)
}
