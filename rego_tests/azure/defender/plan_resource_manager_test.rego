package cspm.checks.azure.defender.plan_resource_manager_test

import data.cspm.checks.azure.defender.plan_resource_manager
import data.cspm.test.azure as fx

test_pass_standard_tier if {
	count(plan_resource_manager.deny) == 0 with input as fx.with_subscription({}, {})
}

test_fail_free_tier if {
	some d in plan_resource_manager.deny with input as fx.with_subscription({"defender_plans": [{"name": "Arm", "pricing_tier": "Free", "sub_plan": null, "enabled_extensions": []}]}, {})
	contains(d.message, "Free tier")
}

test_fail_plan_missing if {
	some d in plan_resource_manager.deny with input as fx.with_subscription({"defender_plans": []}, {})
	contains(d.message, "not enabled")
}
