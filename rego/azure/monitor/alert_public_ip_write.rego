# METADATA
# title: An activity log alert fires on creating or updating a public IP address
# description: >-
#   Without an enabled activity log alert on the operation
#   Microsoft.Network/publicIPAddresses/write across the subscription, creating or
#   updating a public IP address goes unnoticed until someone reads the logs.
# custom:
#   id: AZURE-MONITOR-011
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     Create an activity log alert scoped to the subscription with the conditions
#     category = Administrative and operationName =
#     Microsoft.Network/publicIPAddresses/write, and an action group that reaches the
#     security team.
#   compliance:
#     CIS_Azure_v4.0: ["7.1.2.9"]
#     PCI_DSS_v4.0: ["10.4.1.1"]
#     SOC2: ["CC2.1", "CC5.2", "CC7.2", "CC7.3", "CC7.4", "CC8.1"]
#     ISO_27001_2022: ["A.5.7", "A.8.1", "A.8.16"]
package cspm.checks.azure.monitor.alert_public_ip_write

import data.cspm.lib.azure.monitor

operation := "Microsoft.Network/publicIPAddresses/write"

deny contains {"resource": id, "message": sprintf("no enabled activity log alert watches %s", [operation])} if {
	some id, _ in input.resources.azurerm_subscription
	not watched(id)
}

watched(subscription_id) if {
	some alert in input.resources.azurerm_monitor_activity_log_alert
	monitor.watches_operation(
		alert.config.enabled, alert.config.scopes, alert.config.conditions,
		subscription_id, operation,
	)
}
