# METADATA
# title: An activity log alert fires on deleting an SQL server firewall rule
# description: >-
#   Without an enabled activity log alert on the operation
#   Microsoft.Sql/servers/firewallRules/delete across the subscription, deleting an
#   SQL server firewall rule goes unnoticed until someone reads the logs.
# custom:
#   id: AZURE-MONITOR-010
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     Create an activity log alert scoped to the subscription with the conditions
#     category = Administrative and operationName =
#     Microsoft.Sql/servers/firewallRules/delete, and an action group that reaches the
#     security team.
#   compliance:
#     CIS_Azure_v4.0: ["7.1.2.8"]
#     PCI_DSS_v4.0: ["10.4.1.1"]
#     SOC2: ["CC2.1", "CC5.2", "CC7.2", "CC7.3", "CC7.4", "CC8.1"]
#     ISO_27001_2022: ["A.5.7", "A.8.16"]
package cspm.checks.azure.monitor.alert_sql_firewall_rule_delete

import data.cspm.lib.azure.monitor

operation := "Microsoft.Sql/servers/firewallRules/delete"

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
