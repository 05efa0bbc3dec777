# METADATA
# title: EBS snapshots are not public
# description: >-
#   Anyone with an AWS account can create a volume from a public snapshot and read the
#   disk it copied, including any keys or data left on it.
# custom:
#   id: AWS-EBS-003
#   severity: CRITICAL
#   resource_type: aws_ebs_snapshot
#   remediation: >-
#     `aws ec2 modify-snapshot-attribute --snapshot-id ID --attribute createVolumePermission
#     --operation-type remove --group-names all`, and turn on EBS snapshot Block Public
#     Access for the region.
#   compliance:
#     PCI_DSS_v4.0: ["7.2.1"]
#     SOC2: ["CC6.1"]
package cspm.checks.aws.ebs.snapshot_not_public

deny contains {"resource": id, "message": "snapshot can be restored by any AWS account"} if {
	some id, snapshot in input.resources.aws_ebs_snapshot
	snapshot.config.public == true
}
