package cspm.checks.azure.entra.account_lockout_test

import data.cspm.checks.azure.entra.account_lockout
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(account_lockout.deny) == 0 with input as fx.directory_input({})
}

test_fail_planted if {
	some d in account_lockout.deny with input as fx.directory_input({"password_rule": {"lockout_threshold": 11}})
	d.resource == fx.directory_id
	contains(d.message, "threshold is 11")
}

test_fail_short_lockout if {
	some d in account_lockout.deny with input as fx.directory_input({"password_rule": {"lockout_duration_seconds": 30}})
	contains(d.message, "30 seconds")
}
