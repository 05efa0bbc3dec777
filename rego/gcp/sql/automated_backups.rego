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
#     PCI_DSS_v4.0: ["1.5.1", "3.5.1", "3.5.1.3", "6.3.3", "8.3.2", "10.3.2", "10.3.3", "A1.1.2",
#       "A3.4.1"]
#     SOC2: ["CC7.4", "CC7.5", "A1.2", "PI1.5"]
#     NIST_800_53_r5: ["CP-1(2)", "CP-2(5)", "CP-6(a)", "CP-6(1)", "CP-6(2)", "CP-9(a)", "CP-9(b)",
#       "CP-9(c)", "CP-10", "CP-10(2)", "SC-5(2)", "SI-13(5)"]
#     ISO_27001_2022: ["A.8.13"]
#     GDPR: ["Article 32"]
package cspm.checks.gcp.sql.automated_backups

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.instance_type != "READ_REPLICA_INSTANCE"
}

deny contains {"resource": id, "message": "automated backups are off"} if {
	some id in applies
	input.resources.google_sql_database_instance[id].config.backup_enabled == false
}
