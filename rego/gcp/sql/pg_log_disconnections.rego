# METADATA
# title: PostgreSQL instances log session ends
# description: >-
#   log_disconnections records when each session ended and how long it lasted; with
#   connection logs it gives every session a start and an end.
# custom:
#   id: GCP-SQL-009
#   severity: MEDIUM
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags
#     "log_disconnections=on"` (the command replaces the whole flag list: repeat the flags
#     already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.2.3"]
#     PCI_DSS_v4.0: ["10.2.1", "10.2.2"]
#     SOC2: ["CC7.2"]
package cspm.checks.gcp.sql.pg_log_disconnections

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "POSTGRES"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "log_disconnections", "off")
	value != "on"
	msg := sprintf("log_disconnections is %s (want on)", [value])
}
