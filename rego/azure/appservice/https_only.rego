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
#     PCI_DSS_v4.0: ["1.2.5", "2.2.5", "2.2.7", "4.2.1", "4.2.1.1", "8.3.2"]
#     SOC2: ["CC6.7"]
#     NIST_800_53_r5: ["AC-4", "AC-4(22)", "AC-17(2)", "AC-24(1)", "AU-9(3)", "CA-9(b)",
#       "IA-5(1)(c)", "PM-17(b)", "SC-7(4)(b)", "SC-7(4)(g)", "SC-7(5)", "SC-8", "SC-8(1)",
#       "SC-8(2)", "SC-8(3)", "SC-8(4)", "SC-8(5)", "SC-13(a)", "SC-23", "SC-23(5)", "SI-1(a)(2)"]
#     GDPR: ["Article 32"]
package cspm.checks.azure.appservice.https_only

deny contains {"resource": id, "message": "the app accepts plain HTTP"} if {
	some id, app in input.resources.azurerm_app_service
	not app.config.https_only
}
