package cspm.checks.azure.monitor.alert_service_health_test

import data.cspm.checks.azure.monitor.alert_service_health
import data.cspm.test.azure as fx

test_pass_service_health_alert if {
	count(alert_service_health.deny) == 0 with input as fx.alerts_input([fx.alert([fx.leaf("category", "ServiceHealth")])])
}

test_fail_only_administrative_alerts if {
	some d in alert_service_health.deny with input as fx.alerts_input([fx.administrative_alert("Microsoft.Network/networkSecurityGroups/write")])
	d.resource == fx.subscription_id
}
