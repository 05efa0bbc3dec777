# METADATA
# title: RDS Multi-AZ DB clusters are not publicly accessible
# description: >-
#   A publicly accessible Multi-AZ DB cluster gets public addresses, so only its security
#   groups stand between the database and the internet. Aurora sets this per instance,
#   which the instance check judges.
# custom:
#   id: AWS-RDS-011
#   severity: HIGH
#   resource_type: aws_rds_cluster
#   remediation: >-
#     `aws rds modify-db-cluster --db-cluster-identifier NAME --no-publicly-accessible
#     --apply-immediately`; keep the cluster in private subnets.
#   compliance:
#     CIS_AWS_v5.0: ["2.2.3"]
#     PCI_DSS_v4.0: ["1.3.1", "1.4.2"]
#     SOC2: ["CC6.6"]
package cspm.checks.aws.rds.cluster_not_public

applies contains id if {
	some id, cluster in input.resources.aws_rds_cluster
	not startswith(cluster.config.engine, "aurora")
}

deny contains {"resource": id, "message": "DB cluster is publicly accessible"} if {
	some id in applies
	input.resources.aws_rds_cluster[id].config.publicly_accessible == true
}
