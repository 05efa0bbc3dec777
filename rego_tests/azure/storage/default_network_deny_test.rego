package cspm.checks.azure.storage.default_network_deny_test

import data.cspm.checks.azure.storage.default_network_deny
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_compliant_account if {
	count(default_network_deny.deny) == 0 with input as account({})
}

test_fail_default_allow if {
	some d in default_network_deny.deny with input as account({"network_rules": {"default_action": "Allow"}})
	d.resource == "r1"
}
