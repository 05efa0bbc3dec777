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
#     PCI_DSS_v4.0: ["10.2.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.azure.appservice.http_logs

import data.cspm.lib.azure.monitor

deny contains {"resource": id, "message": "no diagnostic setting sends the app's HTTP logs anywhere"} if {
	some id, app in input.resources.azurerm_app_service
	not monitor.logs_category(app.config.diagnostic_settings, "AppServiceHTTPLogs", {"alllogs"})
}
