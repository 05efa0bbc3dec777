# METADATA
# title: RDS DB clusters have deletion protection
# description: >-
#   Without deletion protection one API call (or a mistaken `terraform destroy`) removes
#   the cluster and, unless asked otherwise, its automated backups with it.
# custom:
#   id: AWS-RDS-007
#   severity: MEDIUM
#   resource_type: aws_rds_cluster
#   remediation: >-
#     `aws rds modify-db-cluster --db-cluster-identifier NAME --deletion-protection
#     --apply-immediately`.
#   compliance:
#     SOC2: ["A1.2"]
package cspm.checks.aws.rds.cluster_deletion_protection

deny contains {"resource": id, "message": "DB cluster can be deleted without first turning off protection"} if {
	some id, cluster in input.resources.aws_rds_cluster
	not cluster.config.deletion_protection
}
