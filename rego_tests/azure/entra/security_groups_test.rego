package cspm.checks.azure.entra.security_groups_test

import data.cspm.checks.azure.entra.security_groups
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(security_groups.deny) == 0 with input as fx.authorization_input({})
}

test_fail_planted if {
	some d in security_groups.deny with input as fx.authorization_input({"default_user_role_permissions": {"allowed_to_create_security_groups": true}})
	d.resource == fx.authorization_id
	contains(d.message, "security groups")
}
