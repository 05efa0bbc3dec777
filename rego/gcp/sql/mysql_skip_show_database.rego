# METADATA
# title: MySQL instances set skip_show_database to on
# description: >-
#   With skip_show_database off, every user can run SHOW DATABASES and learn the names of
#   databases they have no other access to.
# custom:
#   id: GCP-SQL-005
#   severity: LOW
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags
#     "skip_show_database=on"` (the command replaces the whole flag list: repeat the flags
#     already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.1.2"]
#     PCI_DSS_v4.0: ["1.5.1", "10.2.1.3", "10.2.1.5", "10.6.3"]
#     SOC2: ["CC6.1"]
package cspm.checks.gcp.sql.mysql_skip_show_database

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "MYSQL"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "skip_show_database", "off")
	value != "on"
	msg := sprintf("skip_show_database is %s (want on)", [value])
}
