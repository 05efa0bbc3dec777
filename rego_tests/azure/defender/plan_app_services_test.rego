package cspm.checks.azure.defender.plan_app_services_test

import data.cspm.checks.azure.defender.plan_app_services
import data.cspm.test.azure as fx

test_pass_standard_tier if {
	count(plan_app_services.deny) == 0 with input as fx.with_subscription({}, {})
}

test_fail_free_tier if {
	some d in plan_app_services.deny with input as fx.with_subscription({"defender_plans": [{"name": "AppServices", "pricing_tier": "Free", "sub_plan": null, "enabled_extensions": []}]}, {})
	contains(d.message, "Free tier")
}

test_fail_plan_missing if {
	some d in plan_app_services.deny with input as fx.with_subscription({"defender_plans": []}, {})
	contains(d.message, "not enabled")
}
