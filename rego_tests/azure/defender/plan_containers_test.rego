package cspm.checks.azure.defender.plan_containers_test

import data.cspm.checks.azure.defender.plan_containers
import data.cspm.test.azure as fx

test_pass_standard_tier if {
	count(plan_containers.deny) == 0 with input as fx.with_subscription({}, {})
}

test_fail_free_tier if {
	some d in plan_containers.deny with input as fx.with_subscription({"defender_plans": [{"name": "Containers", "pricing_tier": "Free", "sub_plan": null, "enabled_extensions": []}]}, {})
	contains(d.message, "Free tier")
}

test_fail_plan_missing if {
	some d in plan_containers.deny with input as fx.with_subscription({"defender_plans": []}, {})
	contains(d.message, "not enabled")
}
