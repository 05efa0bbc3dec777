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
#     PCI_DSS_v4.0: ["7.2.1"]
#     SOC2: ["CC6.1"]
package cspm.checks.aws.rds.snapshot_not_public

deny contains {"resource": id, "message": "DB snapshot can be restored by any AWS account"} if {
	some id, snapshot in input.resources.aws_db_snapshot
	snapshot.config.public == true
}
