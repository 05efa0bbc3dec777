package cspm.checks.aws.iam.password_reuse_test

import data.cspm.checks.aws.iam.password_reuse

account(policy) := {"resources": {"aws_account": {"111122223333": {
	"id": "111122223333",
	"type": "aws_account",
	"config": {"password_policy": policy},
}}}}

test_pass_remembers_24 if {
	count(password_reuse.deny) == 0 with input as account({"password_reuse_prevention": 24})
}

test_fail_remembers_5 if {
	some d in password_reuse.deny with input as account({"password_reuse_prevention": 5})
	d.resource == "111122223333"
	contains(d.message, "remembers 5")
}

test_fail_reuse_not_prevented if {
	password_reuse.deny == {{
		"resource": "111122223333",
		"message": "the password policy does not prevent password reuse",
	}} with input as account({"password_reuse_prevention": null})
}

test_fail_no_policy if {
	some d in password_reuse.deny with input as account(null)
	d.resource == "111122223333"
}
