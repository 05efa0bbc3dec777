# METADATA
# title: SQL Server instances leave user options unset
# description: >-
#   user options changes the session defaults of every user (such as ANSI and arithmetic
#   settings); CIS asks that it not be configured, so sessions behave as documented.
# custom:
#   id: GCP-SQL-018
#   severity: LOW
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Remove the flag: `gcloud sql instances patch INSTANCE --database-flags ...` listing
#     every flag except "user options" (or --clear-database-flags if it is the only one).
#   compliance:
#     CIS_GCP_v4.0: ["6.3.4"]
#     PCI_DSS_v4.0: ["1.3.2", "1.5.1", "A1.1.3"]
#     SOC2: ["CC8.1"]
package cspm.checks.gcp.sql.sqlserver_user_options

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "SQLSERVER"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.flag(flags, "user options")
	msg := sprintf("user options is set to %s (want it unset)", [value])
}
