# METADATA
# title: RDS DB instances keep automated backups for at least 7 days
# description: >-
#   Automated backups and point-in-time restore are off when the retention period is 0,
#   and a day or two of backups is gone before most corruption or deletions are noticed.
#   Instances that belong to a DB cluster are backed up by the cluster (AWS-RDS-008).
# custom:
#   id: AWS-RDS-014
#   severity: MEDIUM
#   resource_type: aws_db_instance
#   remediation: >-
#     `aws rds modify-db-instance --db-instance-identifier NAME --backup-retention-period 7
#     --apply-immediately` (or more, up to 35 days).
#   compliance:
#     PCI_DSS_v4.0: ["10.3.3"]
#     SOC2: ["CC7.4", "A1.2"]
#     NIST_800_53_r5: ["CP-1(2)", "CP-2(5)", "CP-6(a)", "CP-6(1)", "CP-6(2)", "CP-9(a)", "CP-9(b)",
#       "CP-9(c)", "CP-10", "CP-10(2)", "SC-5(2)", "SI-13(5)"]
#     ISO_27001_2022: ["A.8.13"]
#     GDPR: ["Article 32"]
package cspm.checks.aws.rds.backup_retention

minimum_days := 7

deny contains {"resource": id, "message": msg} if {
	some id, instance in input.resources.aws_db_instance
	not clustered(instance.config.db_instance_identifier)
	days := instance.config.backup_retention_period
	days < minimum_days
	msg := sprintf("automated backups are kept %d day(s), fewer than %d", [days, minimum_days])
}

clustered(name) if name in cluster_members

# The instance identifiers of every cluster's members, gathered once: looking each
# instance up in them keeps the check linear in instances plus clusters.
cluster_members contains member.db_instance_identifier if {
	some cluster in input.resources.aws_rds_cluster
	some member in cluster.config.members
}
