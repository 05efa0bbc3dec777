package cspm.checks.aws.cloudtrail.s3_object_write_events_test

import data.cspm.checks.aws.cloudtrail.s3_object_write_events

bucket_arn := "arn:aws:s3:::orders"

all_buckets := {"read_write_type": "WriteOnly", "include_management_events": true, "data_resources": [{
	"type": "AWS::S3::Object",
	"values": ["arn:aws:s3"],
}]}

trail(patch) := object.union(
	{
		"home_region": "us-east-1",
		"is_multi_region_trail": true,
		"is_logging": true,
		"event_selectors": [all_buckets],
		"advanced_event_selectors": [],
	},
	patch,
)

snapshot(t, region) := {"resources": {
	"aws_s3_bucket": {bucket_arn: {"id": bucket_arn, "name": "orders", "region": region, "config": {}}},
	"aws_cloudtrail_trail": {"arn:aws:cloudtrail:us-east-1:111122223333:trail/main": {"config": t}},
}}

test_pass_all_buckets_selector if {
	count(s3_object_write_events.deny) == 0 with input as snapshot(trail({}), "eu-west-1")
}

test_pass_single_region_trail_same_region if {
	count(s3_object_write_events.deny) == 0 with input as snapshot(trail({"is_multi_region_trail": false}), "us-east-1")
}

test_pass_advanced_selector_for_bucket if {
	advanced := [{"name": "orders writes", "field_selectors": [
		{"field": "eventCategory", "equals": ["Data"]},
		{"field": "resources.type", "equals": ["AWS::S3::Object"]},
		{"field": "readOnly", "equals": ["false"]},
		{"field": "resources.ARN", "starts_with": ["arn:aws:s3:::orders/"]},
	]}]
	t := trail({"event_selectors": [], "advanced_event_selectors": advanced})
	count(s3_object_write_events.deny) == 0 with input as snapshot(t, "us-east-1")
}

test_fail_no_data_events if {
	selectors := [object.union(all_buckets, {"data_resources": []})]
	s3_object_write_events.deny == {{
		"resource": bucket_arn,
		"message": "no logging trail records object-level write events for this bucket",
	}} with input as snapshot(trail({"event_selectors": selectors}), "us-east-1")
}

test_fail_read_only_selector if {
	selectors := [object.union(all_buckets, {"read_write_type": "ReadOnly"})]
	some d in s3_object_write_events.deny with input as snapshot(trail({"event_selectors": selectors}), "us-east-1")
	d.resource == bucket_arn
}

test_fail_single_region_trail_other_region if {
	some d in s3_object_write_events.deny with input as snapshot(trail({"is_multi_region_trail": false}), "eu-west-1")
	d.resource == bucket_arn
}

test_fail_trail_not_logging if {
	some d in s3_object_write_events.deny with input as snapshot(trail({"is_logging": false}), "us-east-1")
	d.resource == bucket_arn
}

test_fail_other_bucket_selected if {
	selectors := [object.union(all_buckets, {"data_resources": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3:::invoices/"]}]})]
	some d in s3_object_write_events.deny with input as snapshot(trail({"event_selectors": selectors}), "us-east-1")
	d.resource == bucket_arn
}
