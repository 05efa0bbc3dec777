package cspm.checks.azure.keyvault.network_default_deny_test

import data.cspm.checks.azure.keyvault.network_default_deny
import data.cspm.test.azure as fx

vault(overrides) := fx.input_of("azurerm_key_vault", fx.key_vault, overrides)

test_pass_public_access_disabled if {
	count(network_default_deny.deny) == 0 with input as vault({"network_acls": null})
}

test_pass_firewall_denies if {
	count(network_default_deny.deny) == 0 with input as vault({"public_network_access": "Enabled"})
}

test_fail_default_allow if {
	some d in network_default_deny.deny with input as vault({"public_network_access": "Enabled", "network_acls": {"default_action": "Allow"}})
	d.resource == "r1"
}

test_fail_no_rules if {
	count(network_default_deny.deny) == 1 with input as vault({"public_network_access": "Enabled", "network_acls": null})
}
