package cspm.checks.azure.storage.min_tls_test

import data.cspm.checks.azure.storage.min_tls
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_compliant_account if {
	count(min_tls.deny) == 0 with input as account({})
}

test_pass_tls_1_3 if {
	count(min_tls.deny) == 0 with input as account({"min_tls_version": "TLS1_3"})
}

test_fail_tls_1_0 if {
	some d in min_tls.deny with input as account({"min_tls_version": "TLS1_0"})
	d.resource == "r1"
}

test_fail_tls_1_1 if {
	some d in min_tls.deny with input as account({"min_tls_version": "TLS1_1"})
	d.resource == "r1"
}
