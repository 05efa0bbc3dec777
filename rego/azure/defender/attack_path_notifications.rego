# METADATA
# title: Defender for Cloud emails attack paths by risk level
# description: >-
#   Attack path analysis finds chains of misconfigurations that lead to critical
#   assets; unless its email notifications are on, newly found paths wait for someone
#   to open the portal.
# custom:
#   id: AZURE-DEFENDER-015
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     In Defender for Cloud's email notifications, turn on 'Notify about attack paths
#     with the following risk level (or higher)'.
#   compliance:
#     CIS_Azure_v4.0: ["9.1.15"]
#     PCI_DSS_v4.0: ["12.10.5"]
#     SOC2: ["CC7.3", "CC7.4"]
package cspm.checks.azure.defender.attack_path_notifications

deny contains {"resource": id, "message": "attack path email notifications are off"} if {
	some id, subscription in input.resources.azurerm_subscription
	not configured(subscription.config.security_contacts)
}

configured(contacts) if {
	some contact in contacts
	contact.is_enabled
	is_string(contact.attack_path_minimal_risk_level)
}
