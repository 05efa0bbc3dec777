# METADATA
# title: SQL Server instances do not limit user connections
# description: >-
#   A low user connections ceiling lets a burst of connections, malicious or not, lock
#   everyone else out of the database.
# custom:
#   id: GCP-SQL-017
#   severity: LOW
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags "user
#     connections=0"` (the command replaces the whole flag list: repeat the flags already
#     set).
#   compliance:
#     CIS_GCP_v4.0: ["6.3.3"]
#     SOC2: ["A1.2"]
package cspm.checks.gcp.sql.sqlserver_user_connections

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "SQLSERVER"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "user connections", "0")
	value != "0"
	msg := sprintf("user connections is %s (want 0 (no limit))", [value])
}
