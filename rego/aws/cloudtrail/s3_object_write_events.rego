# METADATA
# title: Object-level logging of write events is enabled for S3 buckets
# description: >-
#   Without S3 data events for writes (PutObject, DeleteObject, ...), nobody can tell
#   who changed or deleted objects in the bucket.
# custom:
#   id: AWS-CLOUDTRAIL-004
#   severity: LOW
#   resource_type: aws_s3_bucket
#   remediation: >-
#     Add a data event selector for AWS::S3::Object covering the bucket (or all buckets)
#     with WriteOnly or All to a logging trail that is multi-region or in the bucket's
#     region (`aws cloudtrail put-event-selectors --advanced-event-selectors ...`).
#   compliance:
#     CIS_AWS_v5.0: ["3.8"]
#     PCI_DSS_v4.0: ["10.2.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.aws.cloudtrail.s3_object_write_events

import data.cspm.lib.aws.cloudtrail

deny contains {"resource": id, "message": "no logging trail records object-level write events for this bucket"} if {
	some id, bucket in input.resources.aws_s3_bucket
	not logged(bucket.name, bucket.region)
}

logged(name, region) if {
	some trail in input.resources.aws_cloudtrail_trail
	trail.config.is_logging == true
	covers_region(trail.config.is_multi_region_trail, trail.config.home_region, region)
	cloudtrail.records_s3_object_events(trail.config.event_selectors, trail.config.advanced_event_selectors, "write", name)
}

# covers_region holds when a trail records events of `region`.
covers_region(multi_region, _, _) if multi_region == true

covers_region(_, home_region, region) if home_region == region
