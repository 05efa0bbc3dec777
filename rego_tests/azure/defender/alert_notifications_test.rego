package cspm.checks.azure.defender.alert_notifications_test

import data.cspm.checks.azure.defender.alert_notifications
import data.cspm.test.azure as fx

test_pass_configured_contact if {
	count(alert_notifications.deny) == 0 with input as fx.with_subscription({}, {})
}

test_fail_no_contact if {
	some d in alert_notifications.deny with input as fx.with_subscription({"security_contacts": []}, {})
	d.resource == fx.subscription_id
}

test_fail_alert_notifications_off if {
	count(alert_notifications.deny) == 1 with input as fx.with_subscription({"security_contacts": [object.union({"name": "default", "is_enabled": true, "emails": ["secops@example.com"], "notify_roles": ["Owner"], "alert_minimal_severity": "High", "attack_path_minimal_risk_level": "High"}, {"alert_minimal_severity": null})]}, {})
}
