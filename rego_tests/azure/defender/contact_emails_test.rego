package cspm.checks.azure.defender.contact_emails_test

import data.cspm.checks.azure.defender.contact_emails
import data.cspm.test.azure as fx

test_pass_configured_contact if {
	count(contact_emails.deny) == 0 with input as fx.with_subscription({}, {})
}

test_fail_no_contact if {
	some d in contact_emails.deny with input as fx.with_subscription({"security_contacts": []}, {})
	d.resource == fx.subscription_id
}

test_fail_no_emails if {
	count(contact_emails.deny) == 1 with input as fx.with_subscription({"security_contacts": [object.union({"name": "default", "is_enabled": true, "emails": ["secops@example.com"], "notify_roles": ["Owner"], "alert_minimal_severity": "High", "attack_path_minimal_risk_level": "High"}, {"emails": []})]}, {})
}
