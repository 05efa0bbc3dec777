package cspm.checks.azure.entra.guest_access_test

import data.cspm.checks.azure.entra.guest_access
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(guest_access.deny) == 0 with input as fx.authorization_input({})
}

test_fail_planted if {
	some d in guest_access.deny with input as fx.authorization_input({"guest_user_role": "guest"})
	d.resource == fx.authorization_id
	contains(d.message, "guest user access is guest")
}
