package cspm.checks.azure.entra.user_consent_test

import data.cspm.checks.azure.entra.user_consent
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(user_consent.deny) == 0 with input as fx.authorization_input({})
}

test_fail_planted if {
	some d in user_consent.deny with input as fx.authorization_input({"user_consent": "low_risk_verified"})
	d.resource == fx.authorization_id
	contains(d.message, "low_risk_verified")
}

test_fail_any_app if {
	count(user_consent.deny) == 1 with input as fx.authorization_input({"user_consent": "any"})
}
