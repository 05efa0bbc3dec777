package cspm.checks.azure.entra.consent_verified_publishers_test

import data.cspm.checks.azure.entra.consent_verified_publishers
import data.cspm.test.entra as fx

test_pass_no_consent if {
	count(consent_verified_publishers.deny) == 0 with input as fx.authorization_input({})
}

test_pass_low_risk_verified if {
	count(consent_verified_publishers.deny) == 0 with input as fx.authorization_input({"user_consent": "low_risk_verified"})
}

test_fail_any if {
	some d in consent_verified_publishers.deny with input as fx.authorization_input({"user_consent": "any"})
	d.resource == fx.authorization_id
}
