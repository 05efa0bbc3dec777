package cspm.checks.azure.storage.blob_versioning_test

import data.cspm.checks.azure.storage.blob_versioning
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_versioning_on if {
	count(blob_versioning.deny) == 0 with input as account({})
}

test_pass_applies_to_block_blob if {
	"r1" in blob_versioning.applies with input as account({"kind": "BlockBlobStorage"})
}

test_fail_versioning_off if {
	some d in blob_versioning.deny with input as account({"blob_properties": {"versioning_enabled": false}})
	d.resource == "r1"
}
