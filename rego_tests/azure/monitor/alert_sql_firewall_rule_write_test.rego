package cspm.checks.azure.monitor.alert_sql_firewall_rule_write_test

import data.cspm.checks.azure.monitor.alert_sql_firewall_rule_write
import data.cspm.test.azure as fx

test_pass_alert_exists if {
	count(alert_sql_firewall_rule_write.deny) == 0 with input as fx.alerts_input([fx.administrative_alert("Microsoft.Sql/servers/firewallRules/write")])
}

test_pass_operation_in_any_of if {
	count(alert_sql_firewall_rule_write.deny) == 0 with input as fx.alerts_input([fx.alert([fx.leaf("category", "Administrative"), {"field": null, "equals": null, "contains_any": null, "any_of": [fx.leaf("operationName", "microsoft.sql/servers/firewallrules/write")]}])])
}

test_pass_operation_in_contains_any if {
	count(alert_sql_firewall_rule_write.deny) == 0 with input as fx.alerts_input([fx.alert([fx.leaf("category", "Administrative"), {"field": "operationName", "equals": null, "contains_any": ["x", "Microsoft.Sql/servers/firewallRules/write"], "any_of": []}])])
}

test_fail_no_alert if {
	some d in alert_sql_firewall_rule_write.deny with input as fx.alerts_input([])
	d.resource == fx.subscription_id
}

test_fail_alert_disabled if {
	count(alert_sql_firewall_rule_write.deny) == 1 with input as fx.alerts_input([object.union(fx.administrative_alert("Microsoft.Sql/servers/firewallRules/write"), {"config": {"enabled": false}})])
}

test_fail_alert_on_resource_group_only if {
	count(alert_sql_firewall_rule_write.deny) == 1 with input as fx.alerts_input([object.union(fx.administrative_alert("Microsoft.Sql/servers/firewallRules/write"), {"config": {"scopes": [concat("", [fx.subscription_id, "/resourceGroups/app"])]}})])
}
