# METADATA
# title: An activity log alert fires on creating or updating a network security group
# description: >-
#   Without an enabled activity log alert on the operation
#   Microsoft.Network/networkSecurityGroups/write across the subscription, creating or
#   updating a network security group goes unnoticed until someone reads the logs.
# custom:
#   id: AZURE-MONITOR-005
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     Create an activity log alert scoped to the subscription with the conditions
#     category = Administrative and operationName =
#     Microsoft.Network/networkSecurityGroups/write, and an action group that reaches
#     the security team.
#   compliance:
#     CIS_Azure_v4.0: ["7.1.2.3"]
#     PCI_DSS_v4.0: ["10.2.1.1", "10.4.1.1", "10.4.2", "10.4.3", "10.6.3", "10.7.1", "10.7.2",
#       "11.5.2", "11.6.1", "12.10.5", "A3.3.1", "A3.5.1"]
#     SOC2: ["CC2.1", "CC5.2", "CC7.2", "CC7.3", "CC7.4", "CC8.1"]
#     NIST_800_53_r5: ["AU-6(1)", "AU-6(5)", "AU-12(3)", "AU-14(a)", "AU-14(b)", "CA-2(2)", "CA-7",
#       "CA-7(b)", "PM-14(a)(1)", "PM-14(b)", "PM-31", "SC-36(1)(a)", "SI-2(a)", "SI-4(12)",
#       "SI-5(1)", "SI-5(b)"]
#     ISO_27001_2022: ["A.5.7", "A.8.16"]
#     GDPR: ["Article 25"]
package cspm.checks.azure.monitor.alert_nsg_write

import data.cspm.lib.azure.monitor

operation := "Microsoft.Network/networkSecurityGroups/write"

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
