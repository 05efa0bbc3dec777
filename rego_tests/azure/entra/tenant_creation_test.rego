package cspm.checks.azure.entra.tenant_creation_test

import data.cspm.checks.azure.entra.tenant_creation
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(tenant_creation.deny) == 0 with input as fx.authorization_input({})
}

test_fail_planted if {
	some d in tenant_creation.deny with input as fx.authorization_input({"default_user_role_permissions": {"allowed_to_create_tenants": true}})
	d.resource == fx.authorization_id
	contains(d.message, "create tenants")
}
