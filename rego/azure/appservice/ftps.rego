# METADATA
# title: App Service apps disable plain FTP
# description: >-
#   Plain FTP sends deployment credentials and content in clear text; deployments
#   should use FTPS or have FTP off entirely.
# custom:
#   id: AZURE-APPSERVICE-004
#   severity: MEDIUM
#   resource_type: azurerm_app_service
#   remediation: >-
#     Set the app's FTP state to FTPS only or Disabled (az webapp config set --ftps-
#     state FtpsOnly).
#   compliance:
#     PCI_DSS_v4.0: ["1.2.5", "2.2.5", "4.2.1"]
#     SOC2: ["CC6.7"]
package cspm.checks.azure.appservice.ftps

deny contains {"resource": id, "message": sprintf("FTP state is %v", [app.config.site_config.ftps_state])} if {
	some id, app in input.resources.azurerm_app_service
	not app.config.site_config.ftps_state in {"FtpsOnly", "Disabled"}
}
