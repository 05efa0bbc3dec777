package cspm.checks.azure.keyvault.secret_expiry_access_policy_test

import data.cspm.checks.azure.keyvault.secret_expiry_access_policy
import data.cspm.test.azure as fx

vault(overrides) := fx.input_of("azurerm_key_vault", fx.key_vault, overrides)

test_pass_all_expire if {
	count(secret_expiry_access_policy.deny) == 0 with input as vault({})
}

test_pass_disabled_item_ignored if {
	count(secret_expiry_access_policy.deny) == 0 with input as vault({"secrets": [{"name": "old", "enabled": false, "expires": null, "created": null}]})
}

test_pass_other_model_not_applicable if {
	not "r1" in secret_expiry_access_policy.applies with input as vault({"secrets": [{"name": "s2", "enabled": true, "expires": null, "created": null}], "enable_rbac_authorization": true})
}

test_fail_secret_without_expiry if {
	some d in secret_expiry_access_policy.deny with input as vault({"secrets": [{"name": "s2", "enabled": true, "expires": null, "created": null}], "enable_rbac_authorization": false})
	contains(d.message, "s2")
	"r1" in secret_expiry_access_policy.applies with input as vault({"secrets": [{"name": "s2", "enabled": true, "expires": null, "created": null}], "enable_rbac_authorization": false})
}
