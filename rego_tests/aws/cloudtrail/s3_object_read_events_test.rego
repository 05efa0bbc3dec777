package cspm.checks.aws.cloudtrail.s3_object_read_events_test

import data.cspm.checks.aws.cloudtrail.s3_object_read_events

bucket_arn := "arn:aws:s3:::orders"

selector(rw) := {"read_write_type": rw, "include_management_events": true, "data_resources": [{
	"type": "AWS::S3::Object",
	"values": ["arn:aws:s3:::orders/"],
}]}

snapshot(selectors, advanced) := {"resources": {
	"aws_s3_bucket": {bucket_arn: {"id": bucket_arn, "name": "orders", "region": "us-east-1", "config": {}}},
	"aws_cloudtrail_trail": {"arn:aws:cloudtrail:us-east-1:111122223333:trail/main": {"config": {
		"home_region": "us-east-1",
		"is_multi_region_trail": true,
		"is_logging": true,
		"event_selectors": selectors,
		"advanced_event_selectors": advanced,
	}}},
}}

test_pass_read_selector_for_bucket if {
	count(s3_object_read_events.deny) == 0 with input as snapshot([selector("ReadOnly")], [])
}

test_pass_all_selector if {
	count(s3_object_read_events.deny) == 0 with input as snapshot([selector("All")], [])
}

test_pass_advanced_all_s3_objects if {
	advanced := [{"name": "s3", "field_selectors": [
		{"field": "eventCategory", "equals": ["Data"]},
		{"field": "resources.type", "equals": ["AWS::S3::Object"]},
	]}]
	count(s3_object_read_events.deny) == 0 with input as snapshot([], advanced)
}

test_fail_write_only_selector if {
	s3_object_read_events.deny == {{
		"resource": bucket_arn,
		"message": "no logging trail records object-level read events for this bucket",
	}} with input as snapshot([selector("WriteOnly")], [])
}

test_fail_advanced_write_only if {
	advanced := [{"name": "s3 writes", "field_selectors": [
		{"field": "eventCategory", "equals": ["Data"]},
		{"field": "resources.type", "equals": ["AWS::S3::Object"]},
		{"field": "readOnly", "equals": ["false"]},
	]}]
	some d in s3_object_read_events.deny with input as snapshot([], advanced)
	d.resource == bucket_arn
}

test_fail_advanced_excludes_prefix if {
	advanced := [{"name": "s3", "field_selectors": [
		{"field": "eventCategory", "equals": ["Data"]},
		{"field": "resources.type", "equals": ["AWS::S3::Object"]},
		{"field": "resources.ARN", "starts_with": ["arn:aws:s3:::orders/"], "not_starts_with": ["arn:aws:s3:::orders/tmp/"]},
	]}]
	some d in s3_object_read_events.deny with input as snapshot([], advanced)
	d.resource == bucket_arn
}
