# METADATA
# title: RDS DB instances are encrypted at rest
# description: >-
#   Unencrypted database storage exposes the data, its automated backups, read replicas
#   and snapshots.
# custom:
#   id: AWS-RDS-001
#   severity: HIGH
#   resource_type: aws_db_instance
#   remediation: >-
#     Encryption cannot be turned on in place: take a snapshot, copy it with a KMS key
#     (`aws rds copy-db-snapshot --kms-key-id ...`), restore a new instance from the
#     encrypted copy, cut over, and delete the old instance.
#   compliance:
#     CIS_AWS_v5.0: ["2.2.1"]
#     PCI_DSS_v4.0: ["3.5.1"]
#     SOC2: ["CC6.1"]
package cspm.checks.aws.rds.storage_encrypted

deny contains {"resource": id, "message": "DB instance storage is not encrypted"} if {
	some id, db in input.resources.aws_db_instance
	not db.config.storage_encrypted
}
