package cspm.checks.azure.defender.plan_sql_databases_test

import data.cspm.checks.azure.defender.plan_sql_databases
import data.cspm.test.azure as fx

test_pass_standard_tier if {
	count(plan_sql_databases.deny) == 0 with input as fx.with_subscription({}, {})
}

test_fail_free_tier if {
	some d in plan_sql_databases.deny with input as fx.with_subscription({"defender_plans": [{"name": "SqlServers", "pricing_tier": "Free", "sub_plan": null, "enabled_extensions": []}]}, {})
	contains(d.message, "Free tier")
}

test_fail_plan_missing if {
	some d in plan_sql_databases.deny with input as fx.with_subscription({"defender_plans": []}, {})
	contains(d.message, "not enabled")
}
