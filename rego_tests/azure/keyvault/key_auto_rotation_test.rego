package cspm.checks.azure.keyvault.key_auto_rotation_test

import data.cspm.checks.azure.keyvault.key_auto_rotation
import data.cspm.test.azure as fx

vault(overrides) := fx.input_of("azurerm_key_vault", fx.key_vault, overrides)

test_pass_rotating if {
	count(key_auto_rotation.deny) == 0 with input as vault({})
}

test_fail_key_without_rotation if {
	some d in key_auto_rotation.deny with input as vault({"keys": [{"name": "k9", "enabled": true, "expires": null, "created": null, "auto_rotate": false}]})
	contains(d.message, "k9")
}
