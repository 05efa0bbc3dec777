package cspm.checks.azure.storage.public_network_access_test

import data.cspm.checks.azure.storage.public_network_access
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_compliant_account if {
	count(public_network_access.deny) == 0 with input as account({})
}

test_pass_secured_by_perimeter if {
	count(public_network_access.deny) == 0 with input as account({"public_network_access": "SecuredByPerimeter"})
}

test_fail_public_access_enabled if {
	some d in public_network_access.deny with input as account({"public_network_access": "Enabled"})
	d.resource == "r1"
}
