package cspm.checks.aws.iam.security_contact_test

import data.cspm.checks.aws.iam.security_contact

account(registered) := {"resources": {"aws_account": {"111122223333": {"config": {"security_contact_registered": registered}}}}}

test_pass_registered if {
	count(security_contact.deny) == 0 with input as account(true)
}

test_fail_missing if {
	security_contact.deny == {{"resource": "111122223333", "message": "no security alternate contact is registered"}} with input as account(false)
}
