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
#     PCI_DSS_v4.0: ["3.5.1", "8.3.2"]
#     SOC2: ["CC6.1", "CC6.2", "CC6.7", "PI1.4"]
#     NIST_800_53_r5: ["AU-9(3)", "CP-9(d)", "CP-9(8)", "SC-8(3)", "SC-8(4)", "SC-13(a)",
#       "SC-28(1)", "SI-19(4)"]
#     ISO_27001_2022: ["A.8.5", "A.8.12", "A.8.24"]
#     GDPR: ["Article 32"]
package cspm.checks.azure.sql.database_tde

deny contains {"resource": id, "message": "transparent data encryption is disabled"} if {
	some id, database in input.resources.azurerm_mssql_database
	database.config.tde_state != "Enabled"
}
