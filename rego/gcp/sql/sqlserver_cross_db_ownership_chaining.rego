# METADATA
# title: SQL Server instances disable cross-database ownership chaining
# description: >-
#   Ownership chaining across databases lets a user who owns objects in one database reach
#   objects in another without a permission check.
# custom:
#   id: GCP-SQL-016
#   severity: MEDIUM
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags "cross db
#     ownership chaining=off"` (the command replaces the whole flag list: repeat the flags
#     already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.3.2"]
#     PCI_DSS_v4.0: ["7.2.2"]
#     SOC2: ["CC6.1"]
package cspm.checks.gcp.sql.sqlserver_cross_db_ownership_chaining

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "SQLSERVER"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "cross db ownership chaining", "off")
	value != "off"
	msg := sprintf("cross db ownership chaining is %s (want off)", [value])
}
