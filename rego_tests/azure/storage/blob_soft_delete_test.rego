package cspm.checks.azure.storage.blob_soft_delete_test

import data.cspm.checks.azure.storage.blob_soft_delete
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_soft_delete_on if {
	count(blob_soft_delete.deny) == 0 with input as account({})
}

test_pass_file_storage_not_applicable if {
	not "r1" in blob_soft_delete.applies with input as account({"kind": "FileStorage", "blob_properties": null})
}

test_fail_soft_delete_off if {
	some d in blob_soft_delete.deny with input as account({"blob_properties": {"delete_retention": {"enabled": false, "days": null}}})
	d.resource == "r1"
	"r1" in blob_soft_delete.applies with input as account({})
}
