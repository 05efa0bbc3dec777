# METADATA
# title: S3 buckets keep object versions
# description: >-
#   With versioning enabled, an overwritten or deleted object can be restored from its
#   previous version, so a mistaken or malicious write (ransomware included) does not
#   destroy data. A suspended or never-enabled bucket keeps only the latest copy.
# custom:
#   id: AWS-S3-006
#   severity: MEDIUM
#   resource_type: aws_s3_bucket
#   remediation: >-
#     Run `aws s3api put-bucket-versioning --bucket <name> --versioning-configuration
#     Status=Enabled`, and add a lifecycle rule that expires noncurrent versions after
#     the period you need to be able to recover.
#   compliance:
#     PCI_DSS_v4.0: ["10.3.4"]
#     SOC2: ["CC7.4", "A1.2", "C1.2", "PI1.5"]
#     NIST_800_53_r5: ["AU-9(2)", "CP-1(2)", "CP-2(5)", "CP-6(a)", "CP-6(1)", "CP-6(2)", "CP-9(a)",
#       "CP-9(b)", "CP-9(c)", "CP-10", "CP-10(2)", "PM-11(b)", "PM-17(b)", "SC-5(2)", "SC-16(1)",
#       "SI-1(a)(2)", "SI-13(5)"]
#     ISO_27001_2022: ["A.8.3", "A.8.10", "A.8.13"]
package cspm.checks.aws.s3.versioning

deny contains {"resource": id, "message": msg} if {
	some id, bucket in input.resources.aws_s3_bucket
	bucket.config.versioning.status != "Enabled"
	msg := sprintf("bucket versioning is %s", [lower(bucket.config.versioning.status)])
}
