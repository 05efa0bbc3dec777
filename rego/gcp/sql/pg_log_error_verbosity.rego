# METADATA
# title: PostgreSQL instances set log_error_verbosity to default or terse
# description: >-
#   VERBOSE error logging adds source file names, function names and line numbers to every
#   logged error: noise for analysts and detail an attacker reading the logs can use.
# custom:
#   id: GCP-SQL-007
#   severity: LOW
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags
#     "log_error_verbosity=default"` (the command replaces the whole flag list: repeat the
#     flags already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.2.1"]
#     PCI_DSS_v4.0: ["5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.4", "10.2.1.5", "10.2.1.6",
#       "10.2.1.7", "10.2.2", "10.3.1", "10.6.3", "A1.2.1"]
#     SOC2: ["CC7.2", "CC7.3", "A1.2"]
#     ISO_27001_2022: ["A.8.16"]
package cspm.checks.gcp.sql.pg_log_error_verbosity

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "POSTGRES"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "log_error_verbosity", "default")
	not value in {"default", "terse"}
	msg := sprintf("log_error_verbosity is %s (want default or terse)", [value])
}
