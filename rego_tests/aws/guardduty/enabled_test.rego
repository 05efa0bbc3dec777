package cspm.checks.aws.guardduty.enabled_test

import data.cspm.checks.aws.guardduty.enabled

settings(detectors) := {"resources": {"aws_region_settings": {"111122223333/us-east-1": {
	"region": "us-east-1",
	"config": {"guardduty_detectors": detectors},
}}}}

test_pass_enabled_detector if {
	count(enabled.deny) == 0 with input as settings([{"detector_id": "d1", "status": "ENABLED"}])
}

test_fail_no_detector if {
	enabled.deny == {{"resource": "111122223333/us-east-1", "message": "no enabled GuardDuty detector in us-east-1"}} with input as settings([])
}

test_fail_disabled_detector if {
	some d in enabled.deny with input as settings([{"detector_id": "d1", "status": "DISABLED"}])
	d.resource == "111122223333/us-east-1"
}
