package cspm.checks.aws.iam.cloudshell_full_access_test

import data.cspm.checks.aws.iam.cloudshell_full_access

policy(name, managed, groups) := {
	"id": sprintf("arn:aws:iam::aws:policy/%s", [name]),
	"name": name,
	"config": {
		"aws_managed": managed,
		"attachment_count": count(groups),
		"attached_users": [],
		"attached_groups": groups,
		"attached_roles": [],
	},
}

snapshot(policies) := {"resources": {
	"aws_account": {"111122223333": {"id": "111122223333", "config": {}}},
	"aws_iam_policy": {p.id: p | some p in policies},
}}

test_pass_not_attached if {
	count(cloudshell_full_access.deny) == 0 with input as snapshot([policy("AWSCloudShellFullAccess", true, [])])
}

test_pass_other_policies if {
	count(cloudshell_full_access.deny) == 0 with input as snapshot([policy("ReadOnlyAccess", true, ["ops"])])
}

test_pass_no_policies_collected if {
	count(cloudshell_full_access.deny) == 0 with input as {"resources": {"aws_account": {"111122223333": {}}}}
}

test_fail_attached_to_a_group if {
	cloudshell_full_access.deny == {{
		"resource": "111122223333",
		"message": "AWSCloudShellFullAccess is attached to group developers",
	}} with input as snapshot([policy("AWSCloudShellFullAccess", true, ["developers"])])
}
