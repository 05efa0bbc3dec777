package cspm.checks.azure.storage.secure_transfer_test

import data.cspm.checks.azure.storage.secure_transfer
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_compliant_account if {
	count(secure_transfer.deny) == 0 with input as account({})
}

test_fail_http_allowed if {
	some d in secure_transfer.deny with input as account({"https_traffic_only": false})
	d.resource == "r1"
}
