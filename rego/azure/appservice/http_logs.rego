# METADATA
# title: App Service HTTP logs are collected
# description: >-
#   The AppServiceHTTPLogs category records every request an app served; without a
#   diagnostic setting sending it (or allLogs) somewhere there is no trail of attacks
#   against the app.
# custom:
#   id: AZURE-APPSERVICE-001
#   severity: MEDIUM
#   resource_type: azurerm_app_service
#   remediation: >-
#     Add a diagnostic setting to the app that sends AppServiceHTTPLogs to a Log
#     Analytics workspace or storage account (az monitor diagnostic-settings create).
#   compliance:
#     CIS_Azure_v4.0: ["7.1.1.6"]
#     PCI_DSS_v4.0: ["5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4", "10.2.1.5",
#       "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.6.3", "A1.2.1"]
#     SOC2: ["CC7.2", "CC7.3", "A1.2", "PI1.2"]
#     NIST_800_53_r5: ["AC-4(26)", "AU-2(b)", "AU-3(a)", "AU-3(b)", "AU-3(c)", "AU-3(d)", "AU-3(e)",
#       "AU-3(f)", "AU-6(3)", "AU-6(4)", "AU-6(6)", "AU-6(9)", "AU-8(b)", "AU-10", "AU-12(a)",
#       "AU-12(c)", "AU-12(1)", "AU-12(2)", "AU-12(3)", "AU-12(4)", "AU-14(a)", "AU-14(b)",
#       "AU-14(3)", "CA-7(b)", "CM-5(1)(b)", "IA-3(3)(b)", "MA-4(1)(a)", "PM-14(a)(1)", "PM-14(b)",
#       "PM-31", "SC-7(9)(b)", "SI-4(17)", "SI-7(8)"]
#     ISO_27001_2022: ["A.8.15"]
package cspm.checks.azure.appservice.http_logs

import data.cspm.lib.azure.monitor

deny contains {"resource": id, "message": "no diagnostic setting sends the app's HTTP logs anywhere"} if {
	some id, app in input.resources.azurerm_app_service
	not monitor.logs_category(app.config.diagnostic_settings, "AppServiceHTTPLogs", {"alllogs"})
}
