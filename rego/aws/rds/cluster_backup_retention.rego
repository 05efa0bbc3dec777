# METADATA
# title: RDS DB clusters keep automated backups for at least 7 days
# description: >-
#   The backup retention period bounds how far back the cluster can be restored to a
#   point in time; a day or two is gone before a slow-burning corruption is noticed.
# custom:
#   id: AWS-RDS-008
#   severity: MEDIUM
#   resource_type: aws_rds_cluster
#   remediation: >-
#     `aws rds modify-db-cluster --db-cluster-identifier NAME --backup-retention-period 7
#     --apply-immediately` (or longer, up to 35 days, as recovery needs require).
#   compliance:
#     SOC2: ["A1.2"]
#     ISO_27001_2022: ["A.8.13"]
package cspm.checks.aws.rds.cluster_backup_retention

minimum_days := 7

deny contains {"resource": id, "message": msg} if {
	some id, cluster in input.resources.aws_rds_cluster
	cluster.config.backup_retention_period < minimum_days
	msg := sprintf("automated backups are kept %d day(s), fewer than %d", [cluster.config.backup_retention_period, minimum_days])
}
