# METADATA
# title: Cloud SQL instances take automated backups
# description: >-
#   Automated daily backups (and point-in-time recovery built on them) are how a database
#   comes back after deletion, corruption or ransomware. Read replicas, which cannot have
#   their own backups, are left out.
# custom:
#   id: GCP-SQL-004
#   severity: MEDIUM
#   resource_type: google_sql_database_instance
#   remediation: >-
#     `gcloud sql instances patch INSTANCE --backup-start-time HH:MM` (and
#     --enable-point-in-time-recovery for PostgreSQL and SQL Server, --enable-bin-log for
#     MySQL).
#   compliance:
#     CIS_GCP_v4.0: ["6.7"]
#     SOC2: ["A1.2", "CC7.5"]
package cspm.checks.gcp.sql.automated_backups

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.instance_type != "READ_REPLICA_INSTANCE"
}

deny contains {"resource": id, "message": "automated backups are off"} if {
	some id in applies
	input.resources.google_sql_database_instance[id].config.backup_enabled == false
}
