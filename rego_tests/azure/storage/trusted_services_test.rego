package cspm.checks.azure.storage.trusted_services_test

import data.cspm.checks.azure.storage.trusted_services
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_compliant_account if {
	count(trusted_services.deny) == 0 with input as account({})
}

test_fail_no_bypass if {
	some d in trusted_services.deny with input as account({"network_rules": {"bypass": []}})
	d.resource == "r1"
}

test_fail_logging_only if {
	some d in trusted_services.deny with input as account({"network_rules": {"bypass": ["Logging"]}})
	d.resource == "r1"
}
