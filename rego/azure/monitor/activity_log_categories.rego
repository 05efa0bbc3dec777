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
#     PCI_DSS_v4.0: ["5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4", "10.2.1.5",
#       "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.3.2", "10.3.3", "10.3.4", "10.4.1",
#       "10.4.1.1", "10.4.2", "10.5.1", "10.6.3", "10.7.1", "10.7.2", "11.5.2", "11.6.1", "12.10.5",
#       "A1.2.1", "A3.3.1", "A3.5.1"]
#     SOC2: ["CC7.2", "CC8.1", "PI1.2", "PI1.3"]
#     NIST_800_53_r5: ["AC-2(4)", "AC-3(1)", "AC-3(10)", "AC-4(26)", "AC-6(9)", "AU-2(b)",
#       "AU-3(1)", "AU-3(a)", "AU-3(b)", "AU-3(c)", "AU-3(d)", "AU-3(e)", "AU-3(f)", "AU-4(1)",
#       "AU-6(1)", "AU-6(3)", "AU-6(4)", "AU-6(5)", "AU-6(6)", "AU-6(9)", "AU-7(1)", "AU-8(b)",
#       "AU-9(7)", "AU-10", "AU-12(a)", "AU-12(c)", "AU-12(1)", "AU-12(2)", "AU-12(3)", "AU-12(4)",
#       "AU-14(a)", "AU-14(b)", "AU-14(3)", "AU-16", "CA-7(b)", "CM-5(1)(b)", "CM-6(a)", "CM-9(b)",
#       "IA-3(3)(b)", "MA-4(1)(a)", "PM-14(a)(1)", "PM-14(b)", "PM-31", "SC-7(9)(b)", "SI-1(1)(c)",
#       "SI-3(8)(b)", "SI-4(2)", "SI-4(17)", "SI-4(20)", "SI-7(8)", "SI-10(1)(c)"]
#     ISO_27001_2022: ["A.5.16", "A.5.22"]
#     GDPR: ["Article 25", "Article 30"]
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
