package cspm.checks.azure.monitor.activity_log_categories_test

import data.cspm.checks.azure.monitor.activity_log_categories
import data.cspm.test.azure as fx

with_setting(categories) := with_setting_for(fx.subscription_id, categories)

with_setting_for(target, categories) := fx.with_subscription({}, {"azurerm_monitor_diagnostic_setting": {"ds": {
	"id": "ds",
	"type": "azurerm_monitor_diagnostic_setting",
	"name": "export",
	"region": "global",
	"config": object.union(fx.diagnostic_setting(categories), {"target_resource_id": target, "event_hub_name": null}),
}}})

test_pass_all_categories if {
	count(activity_log_categories.deny) == 0 with input as with_setting(["Administrative", "Alert", "Policy", "Security", "ServiceHealth"])
}

test_fail_no_setting if {
	some d in activity_log_categories.deny with input as fx.with_subscription({}, {})
	contains(d.message, "administrative, alert, policy, security")
}

test_fail_missing_policy if {
	some d in activity_log_categories.deny with input as with_setting(["Administrative", "Alert", "Security"])
	d.message == "activity log categories not exported: policy"
}

test_fail_setting_of_other_subscription if {
	count(activity_log_categories.deny) == 1 with input as with_setting_for("/subscriptions/other", ["Administrative", "Alert", "Policy", "Security"])
}
