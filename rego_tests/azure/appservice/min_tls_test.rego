package cspm.checks.azure.appservice.min_tls_test

import data.cspm.checks.azure.appservice.min_tls
import data.cspm.test.azure as fx

app(overrides) := fx.input_of("azurerm_app_service", fx.app_service, overrides)

test_pass_compliant_app if {
	count(min_tls.deny) == 0 with input as app({})
}

test_pass_tls_1_3 if {
	count(min_tls.deny) == 0 with input as app({"site_config": {"min_tls_version": "1.3"}})
}

test_fail_tls_1_0 if {
	some d in min_tls.deny with input as app({"site_config": {"min_tls_version": "1.0"}})
	d.resource == "r1"
}
