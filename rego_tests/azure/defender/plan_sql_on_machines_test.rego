package cspm.checks.azure.defender.plan_sql_on_machines_test

import data.cspm.checks.azure.defender.plan_sql_on_machines
import data.cspm.test.azure as fx

test_pass_standard_tier if {
	count(plan_sql_on_machines.deny) == 0 with input as fx.with_subscription({}, {})
}

test_fail_free_tier if {
	some d in plan_sql_on_machines.deny with input as fx.with_subscription({"defender_plans": [{"name": "SqlServerVirtualMachines", "pricing_tier": "Free", "sub_plan": null, "enabled_extensions": []}]}, {})
	contains(d.message, "Free tier")
}

test_fail_plan_missing if {
	some d in plan_sql_on_machines.deny with input as fx.with_subscription({"defender_plans": []}, {})
	contains(d.message, "not enabled")
}
