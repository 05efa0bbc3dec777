# METADATA
# title: An activity log alert fires on deleting a network security group
# description: >-
#   Without an enabled activity log alert on the operation
#   Microsoft.Network/networkSecurityGroups/delete across the subscription, deleting a
#   network security group goes unnoticed until someone reads the logs.
# custom:
#   id: AZURE-MONITOR-006
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     Create an activity log alert scoped to the subscription with the conditions
#     category = Administrative and operationName =
#     Microsoft.Network/networkSecurityGroups/delete, and an action group that reaches
#     the security team.
#   compliance:
#     CIS_Azure_v4.0: ["7.1.2.4"]
#     PCI_DSS_v4.0: ["10.4.1.1"]
#     SOC2: ["CC2.1", "CC5.2", "CC7.2", "CC7.3", "CC7.4", "CC8.1"]
#     NIST_800_53_r5: ["AU-6(1)", "AU-6(5)", "AU-12(3)", "AU-14(a)", "AU-14(b)", "CA-2(2)", "CA-7",
#       "CA-7(b)", "PM-14(a)(1)", "PM-14(b)", "PM-31", "SC-36(1)(a)", "SI-2(a)", "SI-4(12)",
#       "SI-5(1)", "SI-5(b)"]
#     ISO_27001_2022: ["A.5.7", "A.8.16"]
#     GDPR: ["Article 25"]
package cspm.checks.azure.monitor.alert_nsg_delete

import data.cspm.lib.azure.monitor

operation := "Microsoft.Network/networkSecurityGroups/delete"

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
