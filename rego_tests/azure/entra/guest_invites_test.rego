package cspm.checks.azure.entra.guest_invites_test

import data.cspm.checks.azure.entra.guest_invites
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(guest_invites.deny) == 0 with input as fx.authorization_input({})
}

test_fail_planted if {
	some d in guest_invites.deny with input as fx.authorization_input({"allow_invites_from": "everyone"})
	d.resource == fx.authorization_id
	contains(d.message, "everyone")
}
