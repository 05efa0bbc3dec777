# METADATA
# title: EFS file systems are encrypted at rest
# description: >-
#   An unencrypted EFS file system stores its files and backups in the clear.
# custom:
#   id: AWS-EFS-001
#   severity: MEDIUM
#   resource_type: aws_efs_file_system
#   remediation: >-
#     Encryption is chosen at creation: create a new file system with encryption (and a
#     KMS key), copy the data with AWS DataSync, point the clients at it, and delete the
#     old one. Enforce it with the elasticfilesystem:Encrypted condition key.
#   compliance:
#     CIS_AWS_v5.0: ["2.3.1"]
#     PCI_DSS_v4.0: ["3.5.1", "8.3.2"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AU-9(3)", "CP-9(d)", "SC-8(3)", "SC-8(4)", "SC-13(a)", "SC-28(1)",
#       "SI-19(4)"]
#     ISO_27001_2022: ["A.8.11", "A.8.24"]
#     GDPR: ["Article 32"]
package cspm.checks.aws.efs.encrypted

deny contains {"resource": id, "message": "EFS file system is not encrypted at rest"} if {
	some id, fs in input.resources.aws_efs_file_system
	not fs.config.encrypted
}
