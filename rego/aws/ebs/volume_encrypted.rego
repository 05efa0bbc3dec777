# METADATA
# title: EBS volumes are encrypted
# description: >-
#   An unencrypted volume leaves its data, and every snapshot taken from it, readable to
#   anyone who gets hold of the snapshot or the underlying storage.
# custom:
#   id: AWS-EBS-002
#   severity: MEDIUM
#   resource_type: aws_ebs_volume
#   remediation: >-
#     Snapshot the volume, copy the snapshot with `--encrypted` (and a KMS key), create a
#     new volume from the copy, swap it in, and delete the unencrypted volume and snapshot.
#   compliance:
#     CIS_AWS_v5.0: ["5.1.1"]
#     PCI_DSS_v4.0: ["3.5.1", "8.3.2"]
#     SOC2: ["CC6.1", "PI1.5"]
#     NIST_800_53_r5: ["AU-9(3)", "CM-6(a)", "CM-9(b)", "CP-9(d)", "SC-8(3)", "SC-8(4)", "SC-13(a)",
#       "SC-28(1)", "SI-19(4)"]
#     ISO_27001_2022: ["A.8.11", "A.8.24"]
#     GDPR: ["Article 32"]
package cspm.checks.aws.ebs.volume_encrypted

deny contains {"resource": id, "message": "EBS volume is not encrypted"} if {
	some id, volume in input.resources.aws_ebs_volume
	not volume.config.encrypted
}
