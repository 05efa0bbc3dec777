# METADATA
# title: RDS DB clusters span more than one availability zone
# description: >-
#   A cluster whose instances all sit in one availability zone goes down with it. The
#   instance check leaves Aurora to this one, since Aurora replicates at cluster level.
# custom:
#   id: AWS-RDS-010
#   severity: LOW
#   resource_type: aws_rds_cluster
#   remediation: >-
#     Add a reader in another availability zone (`aws rds create-db-instance
#     --db-cluster-identifier NAME --availability-zone ZONE ...`); it becomes the
#     failover target.
#   compliance:
#     CIS_AWS_v5.0: ["2.2.4"]
#     SOC2: ["A1.2"]
#     ISO_27001_2022: ["A.8.14"]
package cspm.checks.aws.rds.cluster_multi_az

deny contains {"resource": id, "message": "DB cluster runs in a single availability zone"} if {
	some id, cluster in input.resources.aws_rds_cluster
	not cluster.config.multi_az
}
