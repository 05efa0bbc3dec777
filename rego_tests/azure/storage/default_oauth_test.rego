package cspm.checks.azure.storage.default_oauth_test

import data.cspm.checks.azure.storage.default_oauth
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_compliant_account if {
	count(default_oauth.deny) == 0 with input as account({})
}

test_fail_portal_uses_keys if {
	some d in default_oauth.deny with input as account({"default_to_oauth_authentication": false})
	d.resource == "r1"
}
