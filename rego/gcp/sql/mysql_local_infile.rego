# METADATA
# title: MySQL instances set local_infile to off
# description: >-
#   LOAD DATA LOCAL lets a client (or whoever controls a compromised one) make the server
#   read local files; the default differs between MySQL versions, so the flag must be set
#   explicitly.
# custom:
#   id: GCP-SQL-006
#   severity: MEDIUM
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags
#     "local_infile=off"` (the command replaces the whole flag list: repeat the flags
#     already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.1.3"]
#     SOC2: ["CC6.1", "CC6.8"]
package cspm.checks.gcp.sql.mysql_local_infile

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "MYSQL"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "local_infile", "not set")
	value != "off"
	msg := sprintf("local_infile is %s (want off)", [value])
}
