package cspm.checks.azure.storage.customer_managed_key_test

import data.cspm.checks.azure.storage.customer_managed_key
import data.cspm.test.azure as fx

account(encryption) := fx.input_of("azurerm_storage_account", fx.storage_account, {"encryption": encryption})

test_pass_key_vault_key if {
	count(customer_managed_key.deny) == 0 with input as account({})
}

test_pass_key_source_case_insensitive if {
	count(customer_managed_key.deny) == 0 with input as account({"key_source": "Microsoft.KeyVault"})
}

test_fail_platform_key if {
	customer_managed_key.deny == {{
		"resource": "r1",
		"message": "data is encrypted with Microsoft.Storage keys, not a customer-managed key",
	}} with input as account({"key_source": "Microsoft.Storage", "key_vault_key_uri": null})
}
