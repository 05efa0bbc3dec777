# METADATA
# title: SQL Server instances disable external scripts
# description: >-
#   external scripts enabled lets R and Python code run on the database server, outside
#   the engine's own security boundary.
# custom:
#   id: GCP-SQL-015
#   severity: MEDIUM
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags "external
#     scripts enabled=off"` (the command replaces the whole flag list: repeat the flags
#     already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.3.1"]
#     PCI_DSS_v4.0: ["2.2.5"]
#     SOC2: ["CC6.8"]
package cspm.checks.gcp.sql.sqlserver_external_scripts

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "SQLSERVER"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "external scripts enabled", "off")
	value != "off"
	msg := sprintf("external scripts enabled is %s (want off)", [value])
}
