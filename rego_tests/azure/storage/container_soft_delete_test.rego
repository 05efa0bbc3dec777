package cspm.checks.azure.storage.container_soft_delete_test

import data.cspm.checks.azure.storage.container_soft_delete
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_both_on if {
	count(container_soft_delete.deny) == 0 with input as account({})
}

test_pass_applies_to_storage_v2 if {
	"r1" in container_soft_delete.applies with input as account({})
}

test_fail_container_soft_delete_off if {
	some d in container_soft_delete.deny with input as account({"blob_properties": {"container_delete_retention": {"enabled": false}}})
	contains(d.message, "containers")
}

test_fail_blob_soft_delete_off if {
	some d in container_soft_delete.deny with input as account({"blob_properties": {"delete_retention": {"enabled": false}}})
	contains(d.message, "blobs")
}
