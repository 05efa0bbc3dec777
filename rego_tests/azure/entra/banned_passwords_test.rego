package cspm.checks.azure.entra.banned_passwords_test

import data.cspm.checks.azure.entra.banned_passwords
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(banned_passwords.deny) == 0 with input as fx.directory_input({})
}

test_fail_planted if {
	some d in banned_passwords.deny with input as fx.directory_input({"password_rule": {"banned_password_count": 0}})
	d.resource == fx.directory_id
	contains(d.message, "empty")
}

test_fail_not_enforced if {
	some d in banned_passwords.deny with input as fx.directory_input({"password_rule": {"enable_banned_password_check": false}})
	contains(d.message, "not enforced")
}
