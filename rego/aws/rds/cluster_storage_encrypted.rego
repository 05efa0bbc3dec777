# METADATA
# title: RDS DB clusters are encrypted at rest
# description: >-
#   An unencrypted cluster volume exposes the data of every instance in the cluster, its
#   automated backups and its snapshots. Aurora encrypts per cluster, not per instance.
# custom:
#   id: AWS-RDS-006
#   severity: HIGH
#   resource_type: aws_rds_cluster
#   remediation: >-
#     Encryption cannot be turned on in place: snapshot the cluster
#     (`aws rds create-db-cluster-snapshot`), restore a new cluster from it with
#     `--kms-key-id` (`aws rds restore-db-cluster-from-snapshot`), cut over, and delete the
#     old cluster.
#   compliance:
#     CIS_AWS_v5.0: ["2.2.1"]
#     PCI_DSS_v4.0: ["3.5.1", "8.3.2"]
#     SOC2: ["CC6.1", "PI1.5"]
#     ISO_27001_2022: ["A.8.11", "A.8.24"]
package cspm.checks.aws.rds.cluster_storage_encrypted

deny contains {"resource": id, "message": "DB cluster storage is not encrypted"} if {
	some id, cluster in input.resources.aws_rds_cluster
	not cluster.config.storage_encrypted
}
