# METADATA
# title: PostgreSQL instances set log_min_messages to warning or above
# description: >-
#   log_min_messages sets the least severe message written to the server log; CIS sets its
#   minimum at WARNING, the default, so routine INFO and DEBUG output does not bury the
#   messages that matter.
# custom:
#   id: GCP-SQL-011
#   severity: LOW
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags
#     "log_min_messages=warning"` (the command replaces the whole flag list: repeat the
#     flags already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.2.5"]
#     PCI_DSS_v4.0: ["5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4", "10.2.1.5",
#       "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.6.3", "A1.2.1"]
#     SOC2: ["CC7.2", "CC7.3", "A1.2"]
#     ISO_27001_2022: ["A.8.16"]
package cspm.checks.gcp.sql.pg_log_min_messages

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "POSTGRES"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "log_min_messages", "warning")
	not sql.pg_level_at_least(value, "warning")
	msg := sprintf("log_min_messages is %s (want warning or a more severe level)", [value])
}
