# METADATA
# title: SQL databases have transparent data encryption on
# description: >-
#   Transparent data encryption encrypts database files, backups and logs at rest; a
#   database with TDE off stores its data in clear on disk and in backups.
# custom:
#   id: AZURE-SQL-005
#   severity: HIGH
#   resource_type: azurerm_mssql_database
#   remediation: >-
#     Turn transparent data encryption on for the database (az sql db tde set --status
#     Enabled).
#   compliance:
#     PCI_DSS_v4.0: ["3.5.1"]
#     SOC2: ["CC6.1"]
package cspm.checks.azure.sql.database_tde

deny contains {"resource": id, "message": "transparent data encryption is disabled"} if {
	some id, database in input.resources.azurerm_mssql_database
	database.config.tde_state != "Enabled"
}
