# METADATA
# title: RDS DB instances use Multi-AZ deployments
# description: >-
#   A Multi-AZ instance keeps a synchronous standby in another availability zone and
#   fails over to it, so one zone's outage does not take the database down. Aurora,
#   DocumentDB and Neptune replicate at cluster level and are not judged here.
# custom:
#   id: AWS-RDS-004
#   severity: LOW
#   resource_type: aws_db_instance
#   remediation: >-
#     `aws rds modify-db-instance --db-instance-identifier NAME --multi-az
#     --apply-immediately` (or in the next maintenance window).
#   compliance:
#     CIS_AWS_v5.0: ["2.2.4"]
#     SOC2: ["A1.2"]
#     NIST_800_53_r5: ["CP-1(a)(1)(b)", "CP-1(a)(2)", "CP-2(a)", "CP-2(a)(6)", "CP-2(a)(7)",
#       "CP-2(d)", "CP-2(e)", "CP-2(5)", "CP-2(6)", "CP-6(2)", "CP-10", "SC-5(2)", "SC-6", "SC-22",
#       "SC-36", "SI-13(5)"]
#     ISO_27001_2022: ["A.8.14"]
package cspm.checks.aws.rds.multi_az

cluster_engines := ["aurora", "docdb", "neptune"]

applies contains id if {
	some id, db in input.resources.aws_db_instance
	not cluster_engine(db.config.engine)
}

cluster_engine(engine) if {
	some prefix in cluster_engines
	startswith(engine, prefix)
}

deny contains {"resource": id, "message": "DB instance runs in a single availability zone"} if {
	some id in applies
	not input.resources.aws_db_instance[id].config.multi_az
}
