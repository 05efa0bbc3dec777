# METADATA
# title: PostgreSQL instances log DDL statements
# description: >-
#   With log_statement set to ddl, every CREATE, ALTER and DROP is logged, so schema
#   changes (including dropped tables and new roles) leave a trail; CIS recommends ddl.
# custom:
#   id: GCP-SQL-010
#   severity: LOW
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags
#     "log_statement=ddl"` (the command replaces the whole flag list: repeat the flags
#     already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.2.4"]
#     PCI_DSS_v4.0: ["10.2.1", "10.2.1.2"]
#     SOC2: ["CC7.2"]
package cspm.checks.gcp.sql.pg_log_statement

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "POSTGRES"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "log_statement", "none")
	value != "ddl"
	msg := sprintf("log_statement is %s (want ddl)", [value])
}
