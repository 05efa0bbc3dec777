# METADATA
# title: RDS DB instances have deletion protection
# description: >-
#   With deletion protection on, a DB instance cannot be deleted (by a mistaken command,
#   a stack teardown or an attacker) until someone first turns the protection off.
#   Instances that belong to a DB cluster take the cluster's setting and are checked
#   by AWS-RDS-007 instead.
# custom:
#   id: AWS-RDS-013
#   severity: MEDIUM
#   resource_type: aws_db_instance
#   remediation: >-
#     `aws rds modify-db-instance --db-instance-identifier NAME --deletion-protection
#     --apply-immediately`.
#   compliance:
#     SOC2: ["C1.1"]
#     NIST_800_53_r5: ["CA-7(4)(c)", "CM-3(a)", "CP-1(a)(1)(b)", "CP-1(a)(2)", "CP-2(a)",
#       "CP-2(a)(6)", "CP-2(a)(7)", "CP-2(d)", "CP-2(e)", "CP-2(5)", "SA-15(a)(4)", "SC-5(2)",
#       "SC-22", "SI-13(5)"]
package cspm.checks.aws.rds.deletion_protection

deny contains {"resource": id, "message": "DB instance can be deleted without first turning off protection"} if {
	some id, instance in input.resources.aws_db_instance
	not clustered(instance.config.db_instance_identifier)
	instance.config.deletion_protection == false
}

clustered(name) if name in cluster_members

# The instance identifiers of every cluster's members, gathered once: looking each
# instance up in them keeps the check linear in instances plus clusters.
cluster_members contains member.db_instance_identifier if {
	some cluster in input.resources.aws_rds_cluster
	some member in cluster.config.members
}
