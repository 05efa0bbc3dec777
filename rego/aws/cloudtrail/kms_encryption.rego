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
#     PCI_DSS_v4.0: ["10.3.2"]
#     SOC2: ["CC6.1"]
package cspm.checks.aws.cloudtrail.kms_encryption

deny contains {"resource": id, "message": "trail logs are not encrypted with a KMS key (SSE-S3 only)"} if {
	some id, trail in input.resources.aws_cloudtrail_trail
	is_null(trail.config.kms_key_id)
}
