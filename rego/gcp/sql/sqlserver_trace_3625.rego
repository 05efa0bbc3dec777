# METADATA
# title: SQL Server instances set trace flag 3625
# description: >-
#   Trace flag 3625 masks parts of error messages from users who are not sysadmin, so
#   errors stop revealing object names and values.
# custom:
#   id: GCP-SQL-020
#   severity: LOW
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags "3625=on"` (the
#     command replaces the whole flag list: repeat the flags already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.3.6"]
#     SOC2: ["CC6.1"]
package cspm.checks.gcp.sql.sqlserver_trace_3625

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "SQLSERVER"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "3625", "off")
	value != "on"
	msg := sprintf("3625 is %s (want on)", [value])
}
