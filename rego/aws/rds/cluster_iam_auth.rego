# METADATA
# title: RDS DB clusters accept IAM database authentication
# description: >-
#   With IAM database authentication, people and services sign in with short-lived IAM
#   tokens instead of long-lived database passwords, and access is granted and revoked
#   in IAM.
# custom:
#   id: AWS-RDS-009
#   severity: MEDIUM
#   resource_type: aws_rds_cluster
#   remediation: >-
#     `aws rds modify-db-cluster --db-cluster-identifier NAME
#     --enable-iam-database-authentication --apply-immediately`, then grant
#     `rds-db:connect` to the roles that need the database.
#   compliance:
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2", "7.2.5", "7.3.1", "7.3.2", "7.3.3", "8.2.7", "8.2.8",
#       "8.3.4"]
#     SOC2: ["CC6.1"]
package cspm.checks.aws.rds.cluster_iam_auth

deny contains {"resource": id, "message": "DB cluster does not accept IAM database authentication"} if {
	some id, cluster in input.resources.aws_rds_cluster
	not cluster.config.iam_database_authentication_enabled
}
