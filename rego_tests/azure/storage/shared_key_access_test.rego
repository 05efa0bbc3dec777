package cspm.checks.azure.storage.shared_key_access_test

import data.cspm.checks.azure.storage.shared_key_access
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_compliant_account if {
	count(shared_key_access.deny) == 0 with input as account({})
}

test_fail_shared_key_allowed if {
	some d in shared_key_access.deny with input as account({"allow_shared_key_access": true})
	d.resource == "r1"
}
