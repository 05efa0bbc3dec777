# METADATA
# title: SQL servers have a Microsoft Entra administrator
# description: >-
#   Without a Microsoft Entra administrator the server can only be administered with
#   SQL logins, which bypass MFA, Conditional Access and central account lifecycle.
# custom:
#   id: AZURE-SQL-003
#   severity: MEDIUM
#   resource_type: azurerm_mssql_server
#   remediation: >-
#     Set a Microsoft Entra group as the server's administrator (az sql server ad-
#     admin create) and prefer Entra-only authentication.
#   compliance:
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2", "7.2.5", "7.3.1", "7.3.2", "7.3.3", "8.2.1", "8.2.7",
#       "8.2.8", "8.3.4"]
#     SOC2: ["CC6.1"]
package cspm.checks.azure.sql.entra_admin

deny contains {"resource": id, "message": "no Microsoft Entra administrator is set"} if {
	some id, server in input.resources.azurerm_mssql_server
	not is_object(server.config.azuread_administrator)
}
