# METADATA
# title: RDS DB snapshots are not public
# description: >-
#   Anyone with an AWS account can restore a public DB snapshot and read every row in
#   it; a shared snapshot is a copy of the database handed out.
# custom:
#   id: AWS-RDS-005
#   severity: CRITICAL
#   resource_type: aws_db_snapshot
#   remediation: >-
#     `aws rds modify-db-snapshot-attribute --db-snapshot-identifier NAME
#     --attribute-name restore --values-to-remove all`.
#   compliance:
#     PCI_DSS_v4.0: ["3.5.1.3", "7.2.1", "10.3.2", "A1.1.2", "A3.4.1"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(7)", "AC-4(21)", "AC-6", "AC-17(b)", "AC-17(1)",
#       "AC-17(4)(a)", "AC-17(9)", "AC-17(10)", "MP-2", "SC-7(2)", "SC-7(3)", "SC-7(7)",
#       "SC-7(9)(a)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(20)", "SC-7(21)", "SC-7(24)(b)",
#       "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(b)", "SC-7(c)", "SC-25"]
#     ISO_27001_2022: ["A.8.1"]
package cspm.checks.aws.rds.snapshot_not_public

deny contains {"resource": id, "message": "DB snapshot can be restored by any AWS account"} if {
	some id, snapshot in input.resources.aws_db_snapshot
	snapshot.config.public == true
}
