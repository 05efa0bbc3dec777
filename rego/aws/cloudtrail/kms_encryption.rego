# METADATA
# title: CloudTrail logs are encrypted at rest with a KMS key
# description: >-
#   SSE-KMS adds a second permission (kms:Decrypt on the key) to read trail logs, and
#   every use of the key is itself logged.
# custom:
#   id: AWS-CLOUDTRAIL-003
#   severity: MEDIUM
#   resource_type: aws_cloudtrail_trail
#   remediation: >-
#     Create a customer managed key whose policy lets cloudtrail.amazonaws.com encrypt
#     and your log readers decrypt, then run `aws cloudtrail update-trail --name <trail>
#     --kms-key-id <key-arn>`.
#   compliance:
#     CIS_AWS_v5.0: ["3.5"]
#     PCI_DSS_v4.0: ["3.5.1", "8.3.2", "10.3.2", "10.3.3", "10.3.4", "A1.2.1"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AU-9(3)", "CM-6(a)", "CM-9(b)", "CP-9(d)", "SC-8(3)", "SC-8(4)", "SC-13(a)",
#       "SC-28(1)", "SI-19(4)"]
#     ISO_27001_2022: ["A.8.11", "A.8.15", "A.8.16", "A.8.24"]
#     GDPR: ["Article 25", "Article 30", "Article 32"]
package cspm.checks.aws.cloudtrail.kms_encryption

deny contains {"resource": id, "message": "trail logs are not encrypted with a KMS key (SSE-S3 only)"} if {
	some id, trail in input.resources.aws_cloudtrail_trail
	is_null(trail.config.kms_key_id)
}
