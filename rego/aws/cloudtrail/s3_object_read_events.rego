# METADATA
# title: Object-level logging of read events is enabled for S3 buckets
# description: >-
#   Without S3 data events for reads (GetObject, ...), nobody can tell
#   who read which objects of the bucket.
# custom:
#   id: AWS-CLOUDTRAIL-005
#   severity: LOW
#   resource_type: aws_s3_bucket
#   remediation: >-
#     Add a data event selector for AWS::S3::Object covering the bucket (or all buckets)
#     with ReadOnly or All to a logging trail that is multi-region or in the bucket's
#     region (`aws cloudtrail put-event-selectors --advanced-event-selectors ...`).
#   compliance:
#     CIS_AWS_v5.0: ["3.9"]
#     PCI_DSS_v4.0: ["10.2.1"]
#     SOC2: ["CC2.1", "CC7.2"]
#     NIST_800_53_r5: ["AC-2(4)", "AC-3(1)", "AC-3(10)", "AC-4(26)", "AC-6(9)", "AU-2(b)",
#       "AU-3(a)", "AU-3(b)", "AU-3(c)", "AU-3(d)", "AU-3(e)", "AU-3(f)", "AU-6(3)", "AU-6(4)",
#       "AU-6(6)", "AU-6(9)", "AU-8(b)", "AU-10", "AU-12(a)", "AU-12(c)", "AU-12(1)", "AU-12(2)",
#       "AU-12(3)", "AU-12(4)", "AU-14(a)", "AU-14(b)", "AU-14(3)", "CA-7(b)", "CM-5(1)(b)",
#       "CM-6(a)", "CM-9(b)", "IA-3(3)(b)", "MA-4(1)(a)", "PM-14(a)(1)", "PM-14(b)", "PM-31",
#       "SC-7(9)(b)", "SI-1(1)(c)", "SI-3(8)(b)", "SI-4(2)", "SI-4(17)", "SI-4(20)", "SI-7(8)",
#       "SI-10(1)(c)"]
#     ISO_27001_2022: ["A.8.15", "A.8.16"]
#     GDPR: ["Article 30"]
package cspm.checks.aws.cloudtrail.s3_object_read_events

import data.cspm.lib.aws.cloudtrail

deny contains {"resource": id, "message": "no logging trail records object-level read events for this bucket"} if {
	some id, bucket in input.resources.aws_s3_bucket
	not logged(bucket.name, bucket.region)
}

# logged holds when a logging trail that covers `region` records the bucket's object-level
# read events: a few lookups in `coverage`, not a scan of every trail per bucket.
logged(name, region) if {
	is_string(name)
	some where in [["all"], ["in", region]]
	some what in [true, name]
	[where, what] in coverage
}

# coverage holds [where, what] for each logging trail, built in one pass over the
# trails: where it records (["all"] regions, or ["in", its home region]) and whose
# object-level read events (a bucket name, or true for every bucket).
coverage contains [where, what] if {
	some trail in input.resources.aws_cloudtrail_trail
	trail.config.is_logging == true
	some where in trail_regions(trail.config.is_multi_region_trail, trail.config.home_region)
	some what in cloudtrail.s3_object_buckets(trail.config.event_selectors, trail.config.advanced_event_selectors, "read")
}

# trail_regions is where a trail records events: every region when it is multi-region,
# and its home region.
trail_regions(multi_region, home_region) := {["all"], ["in", home_region]} if multi_region == true

trail_regions(multi_region, home_region) := {["in", home_region]} if multi_region != true
