# METADATA
# title: The activity log is exported with the Administrative, Alert, Policy and Security categories
# description: >-
#   The subscription activity log is kept for 90 days only; a diagnostic setting that
#   exports the Administrative, Alert, Policy and Security categories keeps the
#   control-plane record for investigations.
# custom:
#   id: AZURE-MONITOR-001
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     Create a subscription diagnostic setting that sends the Administrative, Alert,
#     Policy and Security categories to a Log Analytics workspace or storage account
#     (az monitor diagnostic-settings subscription create).
#   compliance:
#     CIS_Azure_v4.0: ["7.1.1.2", "7.1.1.1"]
#     PCI_DSS_v4.0: ["10.2.1", "10.5.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.azure.monitor.activity_log_categories

import data.cspm.lib.azure.monitor

required := {"administrative", "alert", "policy", "security"}

deny contains {"resource": id, "message": sprintf("activity log categories not exported: %s", [concat(", ", sort(missing))])} if {
	some id, subscription in input.resources.azurerm_subscription
	exported := {lower(log.category) |
		some setting in input.resources.azurerm_monitor_diagnostic_setting
		lower(setting.config.target_resource_id) == lower(id)
		monitor.any_destination([
			setting.config.workspace_id,
			setting.config.storage_account_id,
			setting.config.event_hub_authorization_rule_id,
		])
		some log in setting.config.logs
		log.enabled
		is_string(log.category)
	}
	missing := required - exported
	count(missing) > 0
}
