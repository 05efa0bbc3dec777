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
#     PCI_DSS_v4.0: ["3.5.1", "8.3.2"]
#     SOC2: ["CC6.1", "PI1.5"]
#     NIST_800_53_r5: ["AU-9(3)", "CP-9(d)", "CP-9(8)", "SC-8(3)", "SC-8(4)", "SC-13(a)",
#       "SC-28(1)", "SI-19(4)"]
#     ISO_27001_2022: ["A.8.11", "A.8.24"]
#     GDPR: ["Article 32"]
package cspm.checks.aws.rds.storage_encrypted

deny contains {"resource": id, "message": "DB instance storage is not encrypted"} if {
	some id, db in input.resources.aws_db_instance
	not db.config.storage_encrypted
}
