# METADATA
# title: PostgreSQL instances do not log statements by duration
# description: >-
#   log_min_duration_statement writes the full text of slow statements to the log,
#   literals included, so passwords and personal data in queries end up in Cloud Logging.
# custom:
#   id: GCP-SQL-013
#   severity: LOW
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags
#     "log_min_duration_statement=-1"` (the command replaces the whole flag list: repeat
#     the flags already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.2.7"]
#     PCI_DSS_v4.0: ["3.2.1"]
#     SOC2: ["CC7.2", "CC7.3", "A1.2", "C1.1"]
#     ISO_27001_2022: ["A.8.16"]
package cspm.checks.gcp.sql.pg_log_min_duration_statement

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "POSTGRES"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "log_min_duration_statement", "-1")
	value != "-1"
	msg := sprintf("log_min_duration_statement is %s (want -1 (disabled))", [value])
}
