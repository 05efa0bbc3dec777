# METADATA
# title: EBS snapshots are encrypted
# description: >-
#   A snapshot is a full copy of a volume's data. An unencrypted snapshot can be copied,
#   shared or restored into a readable volume by anyone with snapshot permissions, with
#   no key policy in the way.
# custom:
#   id: AWS-EBS-004
#   severity: MEDIUM
#   resource_type: aws_ebs_snapshot
#   remediation: >-
#     Copy the snapshot with encryption (`aws ec2 copy-snapshot --source-snapshot-id <id>
#     --source-region <region> --encrypted --kms-key-id <key>`), delete the unencrypted
#     original, and turn on EBS encryption by default so new snapshots are encrypted.
#   compliance:
#     PCI_DSS_v4.0: ["3.5.1", "8.3.2"]
#     SOC2: ["CC7.5"]
#     ISO_27001_2022: ["A.8.24"]
package cspm.checks.aws.ebs.snapshot_encrypted

deny contains {"resource": id, "message": "snapshot is not encrypted"} if {
	some id, snapshot in input.resources.aws_ebs_snapshot
	snapshot.config.encrypted == false
}
