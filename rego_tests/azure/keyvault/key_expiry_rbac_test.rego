package cspm.checks.azure.keyvault.key_expiry_rbac_test

import data.cspm.checks.azure.keyvault.key_expiry_rbac
import data.cspm.test.azure as fx

vault(overrides) := fx.input_of("azurerm_key_vault", fx.key_vault, overrides)

test_pass_all_expire if {
	count(key_expiry_rbac.deny) == 0 with input as vault({})
}

test_pass_disabled_item_ignored if {
	count(key_expiry_rbac.deny) == 0 with input as vault({"keys": [{"name": "old", "enabled": false, "expires": null, "created": null, "auto_rotate": false}]})
}

test_pass_other_model_not_applicable if {
	not "r1" in key_expiry_rbac.applies with input as vault({"keys": [{"name": "k2", "enabled": true, "expires": null, "created": null, "auto_rotate": true}], "enable_rbac_authorization": false})
}

test_fail_key_without_expiry if {
	some d in key_expiry_rbac.deny with input as vault({"keys": [{"name": "k2", "enabled": true, "expires": null, "created": null, "auto_rotate": true}], "enable_rbac_authorization": true})
	contains(d.message, "k2")
	"r1" in key_expiry_rbac.applies with input as vault({"keys": [{"name": "k2", "enabled": true, "expires": null, "created": null, "auto_rotate": true}], "enable_rbac_authorization": true})
}
