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
