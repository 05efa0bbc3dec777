package cspm.checks.azure.appservice.ftps_test

import data.cspm.checks.azure.appservice.ftps
import data.cspm.test.azure as fx

app(overrides) := fx.input_of("azurerm_app_service", fx.app_service, overrides)

test_pass_compliant_app if {
	count(ftps.deny) == 0 with input as app({})
}

test_pass_ftps_only if {
	count(ftps.deny) == 0 with input as app({"site_config": {"ftps_state": "FtpsOnly"}})
}

test_fail_all_allowed if {
	some d in ftps.deny with input as app({"site_config": {"ftps_state": "AllAllowed"}})
	d.resource == "r1"
}
