# METADATA
# title: Defender for Cloud emails alerts by severity
# description: >-
#   Unless 'Notify about alerts with the following severity (or higher)' is on,
#   Defender for Cloud sends no email when it raises an alert.
# custom:
#   id: AZURE-DEFENDER-014
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     In Defender for Cloud's email notifications, turn on 'Notify about alerts with
#     the following severity (or higher)' (High at least).
#   compliance:
#     CIS_Azure_v4.0: ["9.1.14"]
#     PCI_DSS_v4.0: ["12.10.5"]
#     SOC2: ["CC3.1", "CC3.2", "CC4.2", "CC6.8", "CC7.1", "CC7.3", "CC7.4"]
#     ISO_27001_2022: ["A.5.16", "A.5.22"]
package cspm.checks.azure.defender.alert_notifications

deny contains {"resource": id, "message": "alert email notifications are off"} if {
	some id, subscription in input.resources.azurerm_subscription
	not configured(subscription.config.security_contacts)
}

configured(contacts) if {
	some contact in contacts
	contact.is_enabled
	is_string(contact.alert_minimal_severity)
}
