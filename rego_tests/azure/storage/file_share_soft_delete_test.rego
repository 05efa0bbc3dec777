package cspm.checks.azure.storage.file_share_soft_delete_test

import data.cspm.checks.azure.storage.file_share_soft_delete
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_share_soft_delete_on if {
	count(file_share_soft_delete.deny) == 0 with input as account({})
}

test_pass_block_blob_not_applicable if {
	not "r1" in file_share_soft_delete.applies with input as account({"kind": "BlockBlobStorage"})
}

test_fail_share_soft_delete_off if {
	some d in file_share_soft_delete.deny with input as account({"file_properties": {"share_delete_retention": {"enabled": false}}})
	d.resource == "r1"
	"r1" in file_share_soft_delete.applies with input as account({"kind": "FileStorage"})
}
