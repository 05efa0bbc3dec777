package cspm.checks.azure.keyvault.rbac_authorization_test

import data.cspm.checks.azure.keyvault.rbac_authorization
import data.cspm.test.azure as fx

vault(overrides) := fx.input_of("azurerm_key_vault", fx.key_vault, overrides)

test_pass_rbac if {
	count(rbac_authorization.deny) == 0 with input as vault({})
}

test_fail_access_policies if {
	some d in rbac_authorization.deny with input as vault({"enable_rbac_authorization": false})
	d.resource == "r1"
}
