# METADATA
# title: An activity log alert fires on Service Health events
# description: >-
#   Service Health alerts tell the team about Azure incidents, planned maintenance and
#   security advisories that affect the subscription's resources, so availability
#   problems are not first learned from users.
# custom:
#   id: AZURE-MONITOR-013
#   severity: LOW
#   resource_type: azurerm_subscription
#   remediation: >-
#     Create an activity log alert scoped to the subscription with the condition
#     category = ServiceHealth and an action group that reaches the operations team.
#   compliance:
#     CIS_Azure_v4.0: ["7.1.2.11"]
#     SOC2: ["CC7.2", "A1.2"]
package cspm.checks.azure.monitor.alert_service_health

import data.cspm.lib.azure.monitor

deny contains {"resource": id, "message": "no enabled activity log alert watches Service Health events"} if {
	some id, _ in input.resources.azurerm_subscription
	not watched(id)
}

watched(subscription_id) if {
	some alert in input.resources.azurerm_monitor_activity_log_alert
	monitor.watches_category(
		alert.config.enabled, alert.config.scopes, alert.config.conditions,
		subscription_id, "ServiceHealth",
	)
}
