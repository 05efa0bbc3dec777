package cspm.checks.aws.iam.console_user_mfa_test

import data.cspm.checks.aws.iam.console_user_mfa

user(password, mfa) := {
	"id": "arn:aws:iam::111122223333:user/alice",
	"type": "aws_iam_user",
	"config": {"password_enabled": password, "mfa_active": mfa},
}

users(u) := {"resources": {"aws_iam_user": {u.id: u}}}

test_pass_console_user_with_mfa if {
	count(console_user_mfa.deny) == 0 with input as users(user(true, true))
	console_user_mfa.applies == {"arn:aws:iam::111122223333:user/alice"} with input as users(user(true, true))
}

test_pass_programmatic_user_not_applicable if {
	count(console_user_mfa.deny) == 0 with input as users(user(false, false))
	count(console_user_mfa.applies) == 0 with input as users(user(false, false))
}

test_fail_console_user_without_mfa if {
	some d in console_user_mfa.deny with input as users(user(true, false))
	d.resource == "arn:aws:iam::111122223333:user/alice"
}
