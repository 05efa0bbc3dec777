# METADATA
# title: S3 buckets encrypt new objects with a KMS key by default
# description: >-
#   Every bucket now encrypts new objects with S3-managed keys (SSE-S3), which anyone
#   allowed to read an object can decrypt. Default encryption with a KMS key (SSE-KMS or
#   DSSE-KMS) adds a second permission, on the key, that key policies can limit and that
#   CloudTrail records each time it is used.
# custom:
#   id: AWS-S3-007
#   severity: LOW
#   resource_type: aws_s3_bucket
#   remediation: >-
#     Run `aws s3api put-bucket-encryption --bucket <name> --server-side-encryption-configuration
#     '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key>"},"BucketKeyEnabled":true}]}'`.
#   compliance:
#     PCI_DSS_v4.0: ["3.5.1", "8.3.2"]
#     SOC2: ["PI1.4"]
#     NIST_800_53_r5: ["AU-9(3)", "CM-6(a)", "CM-9(b)", "CP-9(d)", "CP-9(8)", "PM-11(b)", "SC-8(3)",
#       "SC-8(4)", "SC-13(a)", "SC-16(1)", "SC-28(1)", "SI-19(4)"]
#     ISO_27001_2022: ["A.8.11", "A.8.24"]
#     GDPR: ["Article 32"]
package cspm.checks.aws.s3.default_encryption_kms

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

deny contains {"resource": id, "message": "bucket has no default encryption configured"} if {
	some id, bucket in input.resources.aws_s3_bucket
	is_null(bucket.config.encryption)
}

deny contains {"resource": id, "message": msg} if {
	some id, bucket in input.resources.aws_s3_bucket
	algorithm := bucket.config.encryption.sse_algorithm
	not algorithm in kms_algorithms
	msg := sprintf("bucket encrypts by default with %s (S3-managed keys), not a KMS key", [algorithm])
}
