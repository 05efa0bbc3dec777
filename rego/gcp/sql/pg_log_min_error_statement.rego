# METADATA
# title: PostgreSQL instances set log_min_error_statement to error or above
# description: >-
#   log_min_error_statement decides which failing statements are logged with their SQL
#   text; below ERROR, ordinary notices are logged as if they were errors and the real
#   ones are hard to find. CIS asks for ERROR or stricter.
# custom:
#   id: GCP-SQL-012
#   severity: LOW
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags
#     "log_min_error_statement=error"` (the command replaces the whole flag list: repeat
#     the flags already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.2.6"]
#     PCI_DSS_v4.0: ["5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4", "10.2.1.5",
#       "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.3.2", "10.3.3", "10.3.4", "10.6.3",
#       "A1.2.1"]
#     SOC2: ["CC7.2", "CC7.3", "A1.2"]
#     ISO_27001_2022: ["A.8.16"]
package cspm.checks.gcp.sql.pg_log_min_error_statement

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "POSTGRES"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "log_min_error_statement", "error")
	not sql.pg_level_at_least(value, "error")
	msg := sprintf("log_min_error_statement is %s (want error or a more severe level)", [value])
}
