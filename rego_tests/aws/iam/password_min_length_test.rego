package cspm.checks.aws.iam.password_min_length_test

import data.cspm.checks.aws.iam.password_min_length

account(policy) := {"resources": {"aws_account": {"111122223333": {
	"id": "111122223333",
	"type": "aws_account",
	"config": {"password_policy": policy},
}}}}

test_pass_length_14 if {
	count(password_min_length.deny) == 0 with input as account({"minimum_password_length": 14})
}

test_pass_length_above_14 if {
	count(password_min_length.deny) == 0 with input as account({"minimum_password_length": 32})
}

test_fail_length_13 if {
	some d in password_min_length.deny with input as account({"minimum_password_length": 13})
	d.resource == "111122223333"
	contains(d.message, "13 characters")
}

test_fail_no_policy if {
	some d in password_min_length.deny with input as account(null)
	d.resource == "111122223333"
	contains(d.message, "no account password policy")
}
