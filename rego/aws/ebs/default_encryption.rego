# METADATA
# title: EBS encryption by default is enabled in every region
# description: >-
#   With encryption by default on, every new EBS volume and snapshot copy in the region
#   is encrypted, whoever creates it and however.
# custom:
#   id: AWS-EBS-001
#   severity: MEDIUM
#   resource_type: aws_region_settings
#   remediation: >-
#     In each region run `aws ec2 enable-ebs-encryption-by-default` (optionally
#     `aws ec2 modify-ebs-default-kms-key-id` to use a customer managed key). Existing
#     volumes are not changed: re-create them from encrypted snapshots.
#   compliance:
#     CIS_AWS_v5.0: ["5.1.1"]
#     PCI_DSS_v4.0: ["3.5.1"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AU-9(3)", "CM-6(a)", "CM-9(b)", "CP-9(d)", "SC-8(3)", "SC-8(4)", "SC-13(a)",
#       "SC-28(1)", "SI-19(4)"]
#     ISO_27001_2022: ["A.8.11", "A.8.24"]
package cspm.checks.aws.ebs.default_encryption

deny contains {"resource": id, "message": msg} if {
	some id, settings in input.resources.aws_region_settings
	not settings.config.ebs_encryption_by_default
	msg := sprintf("EBS encryption by default is off in %s", [settings.region])
}
