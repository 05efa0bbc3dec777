# METADATA
# title: PostgreSQL instances log connection attempts
# description: >-
#   Without log_connections the server keeps no record of who tried to connect and when,
#   which brute-force attempts and unexpected clients would show.
# custom:
#   id: GCP-SQL-008
#   severity: MEDIUM
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags
#     "log_connections=on"` (the command replaces the whole flag list: repeat the flags
#     already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.2.2"]
#     PCI_DSS_v4.0: ["10.2.1", "10.2.1.4"]
#     SOC2: ["CC7.2"]
package cspm.checks.gcp.sql.pg_log_connections

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "POSTGRES"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "log_connections", "off")
	value != "on"
	msg := sprintf("log_connections is %s (want on)", [value])
}
