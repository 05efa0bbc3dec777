package cspm.checks.aws.config.recorder_enabled_test

import data.cspm.checks.aws.config.recorder_enabled

id := "111122223333/us-east-1"

healthy := {
	"name": "default",
	"recording": true,
	"all_supported": true,
	"include_global_resource_types": true,
	"last_status": "SUCCESS",
}

region(recorders) := {"resources": {"aws_region_settings": {id: {
	"id": id,
	"type": "aws_region_settings",
	"region": "us-east-1",
	"config": {"config_recorders": recorders},
}}}}

test_pass_recording_everything if {
	count(recorder_enabled.deny) == 0 with input as region([healthy])
}

test_pass_first_recording_pending if {
	count(recorder_enabled.deny) == 0 with input as region([object.union(healthy, {"last_status": null})])
}

test_fail_no_recorder if {
	recorder_enabled.deny == {{"resource": id, "message": "no AWS Config recorder in us-east-1"}} with input as region([])
}

test_fail_recorder_stopped if {
	recorder_enabled.deny == {{
		"resource": id,
		"message": "AWS Config recorder \"default\" in us-east-1 is not recording",
	}} with input as region([object.union(healthy, {"recording": false})])
}

test_fail_partial_recording if {
	some d in recorder_enabled.deny with input as region([object.union(healthy, {"all_supported": false})])
	d.message == "AWS Config recorder \"default\" in us-east-1 is not recording all resource types"
}

test_fail_recording_failures if {
	some d in recorder_enabled.deny with input as region([object.union(healthy, {"last_status": "FAILURE"})])
	d.message == "AWS Config recorder \"default\" in us-east-1 is failing to record"
}
