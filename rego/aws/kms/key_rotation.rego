# METADATA
# title: Rotation is enabled for customer managed symmetric KMS keys
# description: >-
#   Automatic rotation replaces the key material of a KMS key every year (or the period
#   you set) and limits how much data any one version protects.
# custom:
#   id: AWS-KMS-001
#   severity: MEDIUM
#   resource_type: aws_kms_key
#   remediation: >-
#     Run `aws kms enable-key-rotation --key-id <key-id>` (optionally
#     `--rotation-period-in-days 365` or less). Keys with imported material must be
#     rotated by hand.
#   compliance:
#     CIS_AWS_v5.0: ["3.6"]
#     PCI_DSS_v4.0: ["3.7.4", "3.7.5"]
#     SOC2: ["CC6.1", "PI1.5"]
#     NIST_800_53_r5: ["CM-6(a)", "CM-9(b)", "SA-9(6)", "SC-12", "SC-12(2)", "SC-12(6)"]
#     ISO_27001_2022: ["A.8.5", "A.8.11", "A.8.24"]
#     GDPR: ["Article 25", "Article 30"]
package cspm.checks.aws.kms.key_rotation

# Only enabled, customer managed, symmetric keys with KMS-generated material: AWS
# managed keys rotate themselves, and the others do not support automatic rotation.
applies contains id if {
	some id, key in input.resources.aws_kms_key
	key.config.key_manager == "CUSTOMER"
	key.config.key_spec == "SYMMETRIC_DEFAULT"
	key.config.key_state == "Enabled"
	key.config.origin == "AWS_KMS"
}

deny contains {"resource": id, "message": "automatic key rotation is disabled"} if {
	some id in applies
	not input.resources.aws_kms_key[id].config.rotation_enabled
}
