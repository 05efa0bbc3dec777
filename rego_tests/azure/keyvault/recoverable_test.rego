package cspm.checks.azure.keyvault.recoverable_test

import data.cspm.checks.azure.keyvault.recoverable
import data.cspm.test.azure as fx

vault(overrides) := fx.input_of("azurerm_key_vault", fx.key_vault, overrides)

test_pass_recoverable if {
	count(recoverable.deny) == 0 with input as vault({})
}

test_fail_no_purge_protection if {
	some d in recoverable.deny with input as vault({"purge_protection_enabled": false})
	contains(d.message, "purge protection")
}

test_fail_no_soft_delete if {
	some d in recoverable.deny with input as vault({"soft_delete_enabled": false})
	contains(d.message, "soft delete")
}
