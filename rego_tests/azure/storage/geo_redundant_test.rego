package cspm.checks.azure.storage.geo_redundant_test

import data.cspm.checks.azure.storage.geo_redundant
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_grs if {
	count(geo_redundant.deny) == 0 with input as account({})
}

test_pass_ragzrs if {
	count(geo_redundant.deny) == 0 with input as account({"sku_name": "Standard_RAGZRS"})
}

test_fail_lrs if {
	some d in geo_redundant.deny with input as account({"sku_name": "Standard_LRS"})
	contains(d.message, "Standard_LRS")
}
