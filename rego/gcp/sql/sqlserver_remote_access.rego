# METADATA
# title: SQL Server instances disable remote access
# description: >-
#   remote access lets stored procedures be run from and on other servers, a path for
#   lateral movement and denial of service that Cloud SQL does not need; it is on by
#   default.
# custom:
#   id: GCP-SQL-019
#   severity: MEDIUM
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags "remote
#     access=off"` (the command replaces the whole flag list: repeat the flags already
#     set).
#   compliance:
#     CIS_GCP_v4.0: ["6.3.5"]
#     PCI_DSS_v4.0: ["2.2.5"]
#     SOC2: ["CC6.6"]
package cspm.checks.gcp.sql.sqlserver_remote_access

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "SQLSERVER"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "remote access", "on")
	value != "off"
	msg := sprintf("remote access is %s (want off)", [value])
}
