package cspm.checks.azure.appservice.http_logs_test

import data.cspm.checks.azure.appservice.http_logs
import data.cspm.test.azure as fx

app(overrides) := fx.input_of("azurerm_app_service", fx.app_service, overrides)

test_pass_http_logs if {
	count(http_logs.deny) == 0 with input as app({})
}

test_pass_all_logs_group if {
	count(http_logs.deny) == 0 with input as app({"diagnostic_settings": [object.union(fx.diagnostic_setting([]), {"logs": [{"category": null, "category_group": "allLogs", "enabled": true}]})]})
}

test_fail_no_settings if {
	some d in http_logs.deny with input as app({"diagnostic_settings": []})
	d.resource == "r1"
}

test_fail_other_categories_only if {
	count(http_logs.deny) == 1 with input as app({"diagnostic_settings": [fx.diagnostic_setting(["AppServiceConsoleLogs"])]})
}
