# METADATA
# title: SQL servers audit database events
# description: >-
#   Server-level auditing records logins, queries and permission changes on every
#   database of the server; without it there is no trail for investigations.
# custom:
#   id: AZURE-SQL-001
#   severity: MEDIUM
#   resource_type: azurerm_mssql_server
#   remediation: >-
#     Turn on auditing for the server with a Log Analytics workspace, storage account
#     or event hub as destination (az sql server audit-policy update --state Enabled).
#   compliance:
#     PCI_DSS_v4.0: ["5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4", "10.2.1.5",
#       "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.6.3", "A1.2.1"]
#     SOC2: ["CC7.2", "PI1.2"]
#     NIST_800_53_r5: ["AC-2(4)", "AC-3(1)", "AC-3(10)", "AC-4(26)", "AC-6(9)", "AU-2(b)",
#       "AU-3(a)", "AU-3(b)", "AU-3(c)", "AU-3(d)", "AU-3(e)", "AU-3(f)", "AU-6(3)", "AU-6(4)",
#       "AU-6(6)", "AU-6(9)", "AU-8(b)", "AU-9(3)", "AU-10", "AU-12(a)", "AU-12(c)", "AU-12(1)",
#       "AU-12(2)", "AU-12(3)", "AU-12(4)", "AU-14(a)", "AU-14(b)", "AU-14(3)", "CA-7(b)",
#       "CM-5(1)(b)", "CP-9(d)", "IA-3(3)(b)", "MA-4(1)(a)", "PM-14(a)(1)", "PM-14(b)", "PM-31",
#       "SC-7(9)(b)", "SC-8(3)", "SC-8(4)", "SC-13(a)", "SC-28(1)", "SI-1(1)(c)", "SI-3(8)(b)",
#       "SI-4(2)", "SI-4(17)", "SI-4(20)", "SI-7(8)", "SI-10(1)(c)", "SI-19(4)"]
#     GDPR: ["Article 30", "Article 32"]
package cspm.checks.azure.sql.auditing

deny contains {"resource": id, "message": "server auditing is disabled"} if {
	some id, server in input.resources.azurerm_mssql_server
	server.config.auditing.state != "Enabled"
}
