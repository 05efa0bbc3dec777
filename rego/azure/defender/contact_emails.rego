# METADATA
# title: Defender for Cloud has an additional security contact email
# description: >-
#   A security contact address (a monitored team mailbox) makes sure Microsoft and
#   Defender for Cloud can reach the security team, not only whoever owns the
#   subscription.
# custom:
#   id: AZURE-DEFENDER-013
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     In Defender for Cloud's email notifications, set 'Additional email addresses' to
#     the security team's mailbox.
#   compliance:
#     CIS_Azure_v4.0: ["9.1.13"]
#     PCI_DSS_v4.0: ["12.10.5", "A1.2.3"]
#     SOC2: ["CC3.2", "CC4.2", "CC6.8", "CC7.1", "CC7.3", "CC7.4"]
#     ISO_27001_2022: ["A.5.5"]
package cspm.checks.azure.defender.contact_emails

deny contains {"resource": id, "message": "no security contact email address is configured"} if {
	some id, subscription in input.resources.azurerm_subscription
	not configured(subscription.config.security_contacts)
}

configured(contacts) if {
	some contact in contacts
	contact.is_enabled
	count(contact.emails) > 0
}
