# METADATA
# title: The S3 bucket that receives CloudTrail logs has access logging enabled
# description: >-
#   Server access logs of the trail's bucket record who read or deleted the audit
#   logs. A trail that delivers to a bucket this snapshot does not hold (a log-archive
#   account's) names s3_bucket_name in its unknown list, so it is UNKNOWN, not PASS.
# custom:
#   id: AWS-CLOUDTRAIL-006
#   severity: LOW
#   resource_type: aws_cloudtrail_trail
#   remediation: >-
#     Turn on server access logging for the trail's bucket, delivering to a separate
#     bucket (`aws s3api put-bucket-logging --bucket TRAIL_BUCKET
#     --bucket-logging-status ...`).
#   compliance:
#     CIS_AWS_v5.0: ["3.4"]
#     PCI_DSS_v4.0: ["10.2.1"]
#     SOC2: ["CC7.2", "A1.2"]
#     ISO_27001_2022: ["A.8.15", "A.8.16"]
#     GDPR: ["Article 25"]
package cspm.checks.aws.cloudtrail.bucket_access_logging

deny contains {"resource": id, "message": msg} if {
	some id, trail in input.resources.aws_cloudtrail_trail
	name := trail.config.s3_bucket_name
	name in unlogged_buckets
	msg := sprintf("access logging is off for the trail's bucket %s", [name])
}

# The names of buckets without access logging, gathered once for every trail to look up
# (not a scan of every bucket per trail).
unlogged_buckets contains bucket.name if {
	some bucket in input.resources.aws_s3_bucket
	is_null(bucket.config.logging)
}
