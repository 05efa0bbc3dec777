package cspm.lib.aws.cloudtrail_test

import data.cspm.lib.aws.cloudtrail

test_covers_bucket if {
	cloudtrail.covers_bucket("arn:aws:s3", "b")
	cloudtrail.covers_bucket("arn:aws:s3:::", "b")
	cloudtrail.covers_bucket("arn:aws:s3:::b/", "b")
	cloudtrail.covers_bucket("arn:aws-us-gov:s3:::b", "b")
	not cloudtrail.covers_bucket("arn:aws:s3:::b/logs/", "b")
	not cloudtrail.covers_bucket("arn:aws:s3:::bb/", "b")
	not cloudtrail.covers_bucket("arn:aws:lambda", "b")
}

test_management_events_basic if {
	selectors := [{"read_write_type": "ReadOnly", "include_management_events": true}]
	cloudtrail.records_management_events(selectors, [], "read")
	not cloudtrail.records_management_events(selectors, [], "write")
}

test_management_events_advanced_read_only_split if {
	advanced := [
		{"field_selectors": [{"field": "eventCategory", "equals": ["Management"]}, {"field": "readOnly", "equals": ["true"]}]},
		{"field_selectors": [{"field": "eventCategory", "equals": ["Management"]}, {"field": "readOnly", "equals": ["false"]}]},
	]
	cloudtrail.records_management_events([], advanced, "read")
	cloudtrail.records_management_events([], advanced, "write")
	not cloudtrail.records_management_events([], [advanced[0]], "write")
}

test_s3_object_events_advanced_arn_equals_is_partial if {
	advanced := [{"field_selectors": [
		{"field": "eventCategory", "equals": ["Data"]},
		{"field": "resources.type", "equals": ["AWS::S3::Object"]},
		{"field": "resources.ARN", "equals": ["arn:aws:s3:::b/one-object"]},
	]}]
	not cloudtrail.records_s3_object_events([], advanced, "read", "b")
}

# s3_object_buckets (once per trail) must agree with records_s3_object_events (once per
# trail and bucket) for every selector shape and bucket name below.
object_selector_cases := [
	[[], []],
	[[{"read_write_type": "All", "data_resources": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}]}], []],
	[[{"read_write_type": "ReadOnly", "data_resources": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3:::b/", "arn:aws:s3:::logs"]}]}], []],
	[[{"read_write_type": "WriteOnly", "data_resources": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3:::"]}]}], []],
	[[{"read_write_type": "All", "data_resources": [{"type": "AWS::Lambda::Function", "values": ["arn:aws:s3"]}]}], []],
	[[{"read_write_type": "All", "data_resources": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3:::b//", "arn:aws:lambda", "arn:aws:s3:::b/logs/"]}]}], []],
	[[], [{"field_selectors": [
		{"field": "eventCategory", "equals": ["Data"]},
		{"field": "resources.type", "equals": ["AWS::S3::Object"]},
	]}]],
	[[], [{"field_selectors": [
		{"field": "eventCategory", "equals": ["Data"]},
		{"field": "resources.type", "equals": ["AWS::S3::Object"]},
		{"field": "readOnly", "equals": ["false"]},
		{"field": "resources.ARN", "starts_with": ["arn:aws:s3:::bb/", "arn:aws:s3:::b"]},
	]}]],
	[[], [{"field_selectors": [
		{"field": "eventCategory", "equals": ["Data"]},
		{"field": "resources.type", "equals": ["AWS::S3::Object"]},
		{"field": "resources.ARN", "starts_with": ["arn:aws:s3:::b/"], "not_starts_with": ["arn:aws:s3:::b/tmp/"]},
	]}]],
	[[], [{"field_selectors": [
		{"field": "eventCategory", "equals": ["Data"]},
		{"field": "resources.type", "equals": ["AWS::S3::Object"]},
		{"field": "resources.ARN", "starts_with": ["arn:aws:s3:::"]},
	]}]],
]

object_bucket_names := ["b", "bb", "b/", "logs", "", "other"]

test_s3_object_buckets_agrees_with_records_s3_object_events if {
	every c in object_selector_cases {
		every access in ["read", "write"] {
			every name in object_bucket_names {
				scope := cloudtrail.s3_object_buckets(c[0], c[1], access)
				covered := count({1 | true in scope} | {1 | name in scope}) > 0
				recorded := count({1 | cloudtrail.records_s3_object_events(c[0], c[1], access, name)}) > 0
				recorded == covered
			}
		}
	}
}
