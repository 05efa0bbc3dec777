package cspm.checks.aws.iam.root_mfa_test

import data.cspm.checks.aws.iam.root_mfa

account(mfa) := {"resources": {"aws_account": {"111122223333": {
	"id": "111122223333",
	"type": "aws_account",
	"config": {"root_user": {"mfa_active": mfa, "access_keys_present": 0, "password_last_used": null}},
}}}}

test_pass_root_mfa_active if {
	count(root_mfa.deny) == 0 with input as account(true)
}

test_fail_root_without_mfa if {
	some d in root_mfa.deny with input as account(false)
	d.resource == "111122223333"
}
