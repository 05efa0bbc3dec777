# METADATA
# title: PostgreSQL instances enable pgAudit
# description: >-
#   pgAudit writes session and object audit records (who read or changed which table) to
#   Cloud Logging, detail the standard PostgreSQL logs do not have.
# custom:
#   id: GCP-SQL-014
#   severity: MEDIUM
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags
#     "cloudsql.enable_pgaudit=on"` (the command replaces the whole flag list: repeat the
#     flags already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.2.8"]
#     PCI_DSS_v4.0: ["10.2.1", "10.2.1.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.gcp.sql.pg_pgaudit

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "POSTGRES"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "cloudsql.enable_pgaudit", "off")
	value != "on"
	msg := sprintf("cloudsql.enable_pgaudit is %s (want on)", [value])
}
