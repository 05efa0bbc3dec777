package cspm.checks.azure.appservice.https_only_test

import data.cspm.checks.azure.appservice.https_only
import data.cspm.test.azure as fx

app(overrides) := fx.input_of("azurerm_app_service", fx.app_service, overrides)

test_pass_compliant_app if {
	count(https_only.deny) == 0 with input as app({})
}

test_fail_http_allowed if {
	some d in https_only.deny with input as app({"https_only": false})
	d.resource == "r1"
}
