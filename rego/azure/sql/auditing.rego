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
#     PCI_DSS_v4.0: ["10.2.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.azure.sql.auditing

deny contains {"resource": id, "message": "server auditing is disabled"} if {
	some id, server in input.resources.azurerm_mssql_server
	server.config.auditing.state != "Enabled"
}
