# METADATA
# title: Defender for Cloud emails subscription owners about alerts
# description: >-
#   Subscription owners are the people who can act on an alert at once; when
#   Defender's notifications do not go to the Owner role, alerts may reach nobody with
#   the authority to respond.
# custom:
#   id: AZURE-DEFENDER-012
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     In Defender for Cloud's email notifications, set 'All users with the following
#     roles' to include Owner.
#   compliance:
#     CIS_Azure_v4.0: ["9.1.12"]
#     PCI_DSS_v4.0: ["12.10.5"]
#     SOC2: ["CC3.1", "CC3.2", "CC4.2", "CC6.8", "CC7.1", "CC7.3", "CC7.4"]
package cspm.checks.azure.defender.contact_owner_role

deny contains {"resource": id, "message": "Defender for Cloud does not notify the Owner role"} if {
	some id, subscription in input.resources.azurerm_subscription
	not configured(subscription.config.security_contacts)
}

configured(contacts) if {
	some contact in contacts
	contact.is_enabled
	some role in contact.notify_roles
	role == "Owner"
}
