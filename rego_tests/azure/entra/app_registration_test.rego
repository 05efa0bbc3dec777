package cspm.checks.azure.entra.app_registration_test

import data.cspm.checks.azure.entra.app_registration
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(app_registration.deny) == 0 with input as fx.authorization_input({})
}

test_fail_planted if {
	some d in app_registration.deny with input as fx.authorization_input({"default_user_role_permissions": {"allowed_to_create_apps": true}})
	d.resource == fx.authorization_id
	contains(d.message, "register applications")
}
