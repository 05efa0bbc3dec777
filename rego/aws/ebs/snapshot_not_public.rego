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
#     SOC2: ["CC6.1", "CC6.6"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(7)", "AC-4(21)", "AC-6", "AC-17(b)", "AC-17(1)",
#       "AC-17(4)(a)", "AC-17(9)", "AC-17(10)", "MP-2", "SC-7(2)", "SC-7(3)", "SC-7(7)",
#       "SC-7(9)(a)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(20)", "SC-7(21)", "SC-7(24)(b)",
#       "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(b)", "SC-7(c)", "SC-25"]
#     ISO_27001_2022: ["A.8.1"]
package cspm.checks.aws.ebs.snapshot_not_public

deny contains {"resource": id, "message": "snapshot can be restored by any AWS account"} if {
	some id, snapshot in input.resources.aws_ebs_snapshot
	snapshot.config.public == true
}
