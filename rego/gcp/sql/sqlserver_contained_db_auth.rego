# METADATA
# title: SQL Server instances disable contained database authentication
# description: >-
#   Contained databases keep their own users, who authenticate without a server login and
#   so outside the server's account controls and audit.
# custom:
#   id: GCP-SQL-021
#   severity: MEDIUM
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags "contained
#     database authentication=off"` (the command replaces the whole flag list: repeat the
#     flags already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.3.7"]
#     PCI_DSS_v4.0: ["3.5.1", "7.2.1", "7.2.2", "7.2.5", "7.3.1", "7.3.2", "7.3.3", "8.2.1",
#       "8.2.7", "8.2.8", "8.3.2", "8.3.4", "A1.1.3"]
#     SOC2: ["CC6.1"]
package cspm.checks.gcp.sql.sqlserver_contained_db_auth

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "SQLSERVER"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "contained database authentication", "off")
	value != "off"
	msg := sprintf("contained database authentication is %s (want off)", [value])
}
