# METADATA
# title: App Service apps refuse TLS versions below 1.2
# description: >-
#   TLS 1.0 and 1.1 have known weaknesses; an app that accepts them lets clients
#   negotiate a weak channel.
# custom:
#   id: AZURE-APPSERVICE-003
#   severity: MEDIUM
#   resource_type: azurerm_app_service
#   remediation: >-
#     Set the app's minimum inbound TLS version to 1.2 (az webapp config set --min-
#     tls-version 1.2).
#   compliance:
#     PCI_DSS_v4.0: ["1.2.5", "2.2.5", "2.2.7", "4.2.1", "4.2.1.1", "8.3.2"]
#     SOC2: ["CC6.6", "CC6.7"]
#     NIST_800_53_r5: ["SC-8(1)", "SC-23(5)"]
#     ISO_27001_2022: ["A.8.5", "A.8.12", "A.8.24"]
package cspm.checks.azure.appservice.min_tls

deny contains {"resource": id, "message": sprintf("minimum TLS version is %v", [app.config.site_config.min_tls_version])} if {
	some id, app in input.resources.azurerm_app_service
	not app.config.site_config.min_tls_version in {"1.2", "1.3"}
}
