# METADATA
# title: App Service apps redirect HTTP to HTTPS
# description: >-
#   With HTTPS Only off, an app answers plain HTTP, so credentials, cookies and data
#   can travel unencrypted.
# custom:
#   id: AZURE-APPSERVICE-002
#   severity: MEDIUM
#   resource_type: azurerm_app_service
#   remediation: >-
#     Turn on HTTPS Only for the app (az webapp update --https-only true).
#   compliance:
#     PCI_DSS_v4.0: ["4.2.1"]
#     SOC2: ["CC6.7"]
package cspm.checks.azure.appservice.https_only

deny contains {"resource": id, "message": "the app accepts plain HTTP"} if {
	some id, app in input.resources.azurerm_app_service
	not app.config.https_only
}
