package cspm.checks.azure.storage.blob_public_access_test

import data.cspm.checks.azure.storage.blob_public_access
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_compliant_account if {
	count(blob_public_access.deny) == 0 with input as account({})
}

test_fail_anonymous_access_allowed if {
	some d in blob_public_access.deny with input as account({"allow_blob_public_access": true})
	d.resource == "r1"
}
