package cspm.checks.azure.defender.plan_dns_test

import data.cspm.checks.azure.defender.plan_dns
import data.cspm.test.azure as fx

test_pass_standard_tier if {
	count(plan_dns.deny) == 0 with input as fx.with_subscription({}, {})
}

test_fail_free_tier if {
	some d in plan_dns.deny with input as fx.with_subscription({"defender_plans": [{"name": "Dns", "pricing_tier": "Free", "sub_plan": null, "enabled_extensions": []}]}, {})
	contains(d.message, "Free tier")
}

test_fail_plan_missing if {
	some d in plan_dns.deny with input as fx.with_subscription({"defender_plans": []}, {})
	contains(d.message, "not enabled")
}
