package cspm.checks.aws.iam.single_active_access_key_test

import data.cspm.checks.aws.iam.single_active_access_key

arn := "arn:aws:iam::111122223333:user/ci"

user(statuses) := {"resources": {"aws_iam_user": {arn: {
	"id": arn,
	"type": "aws_iam_user",
	"config": {"access_keys": [{"access_key_id": sprintf("AKIA%d", [i]), "status": s} | some i, s in statuses]},
}}}}

test_pass_one_active_one_inactive if {
	count(single_active_access_key.deny) == 0 with input as user(["Active", "Inactive"])
}

test_pass_no_keys if {
	count(single_active_access_key.deny) == 0 with input as user([])
}

test_fail_two_active if {
	single_active_access_key.deny == {{
		"resource": arn,
		"message": "user has 2 active access keys: AKIA0, AKIA1",
	}} with input as user(["Active", "Active"])
}
