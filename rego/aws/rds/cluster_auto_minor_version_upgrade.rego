# METADATA
# title: RDS Multi-AZ DB clusters apply minor engine upgrades automatically
# description: >-
#   Minor versions carry security fixes; without automatic minor version upgrade they
#   wait for someone to remember. Aurora sets this per instance, which the instance
#   check judges.
# custom:
#   id: AWS-RDS-012
#   severity: LOW
#   resource_type: aws_rds_cluster
#   remediation: >-
#     `aws rds modify-db-cluster --db-cluster-identifier NAME
#     --auto-minor-version-upgrade --apply-immediately`.
#   compliance:
#     CIS_AWS_v5.0: ["2.2.2"]
#     PCI_DSS_v4.0: ["6.3.3"]
#     SOC2: ["CC7.1"]
package cspm.checks.aws.rds.cluster_auto_minor_version_upgrade

applies contains id if {
	some id, cluster in input.resources.aws_rds_cluster
	not startswith(cluster.config.engine, "aurora")
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	cluster := input.resources.aws_rds_cluster[id]
	not cluster.config.auto_minor_version_upgrade
	msg := sprintf("automatic minor version upgrade is off (%s %s)", [cluster.config.engine, cluster.config.engine_version])
}
