package cspm.checks.azure.monitor.alert_security_solution_delete_test

import data.cspm.checks.azure.monitor.alert_security_solution_delete
import data.cspm.test.azure as fx

test_pass_alert_exists if {
	count(alert_security_solution_delete.deny) == 0 with input as fx.alerts_input([fx.administrative_alert("Microsoft.Security/securitySolutions/delete")])
}

test_pass_operation_in_any_of if {
	count(alert_security_solution_delete.deny) == 0 with input as fx.alerts_input([fx.alert([fx.leaf("category", "Administrative"), {"field": null, "equals": null, "contains_any": null, "any_of": [fx.leaf("operationName", "microsoft.security/securitysolutions/delete")]}])])
}

test_pass_operation_in_contains_any if {
	count(alert_security_solution_delete.deny) == 0 with input as fx.alerts_input([fx.alert([fx.leaf("category", "Administrative"), {"field": "operationName", "equals": null, "contains_any": ["x", "Microsoft.Security/securitySolutions/delete"], "any_of": []}])])
}

test_fail_no_alert if {
	some d in alert_security_solution_delete.deny with input as fx.alerts_input([])
	d.resource == fx.subscription_id
}

test_fail_alert_disabled if {
	count(alert_security_solution_delete.deny) == 1 with input as fx.alerts_input([object.union(fx.administrative_alert("Microsoft.Security/securitySolutions/delete"), {"config": {"enabled": false}})])
}

test_fail_alert_on_resource_group_only if {
	count(alert_security_solution_delete.deny) == 1 with input as fx.alerts_input([object.union(fx.administrative_alert("Microsoft.Security/securitySolutions/delete"), {"config": {"scopes": [concat("", [fx.subscription_id, "/resourceGroups/app"])]}})])
}
