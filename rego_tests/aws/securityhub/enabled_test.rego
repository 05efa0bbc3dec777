package cspm.checks.aws.securityhub.enabled_test

import data.cspm.checks.aws.securityhub.enabled

id := "111122223333/eu-west-1"

region(on) := {"resources": {"aws_region_settings": {id: {
	"id": id,
	"type": "aws_region_settings",
	"region": "eu-west-1",
	"config": {"security_hub_enabled": on},
}}}}

test_pass_enabled if {
	count(enabled.deny) == 0 with input as region(true)
}

test_fail_disabled if {
	enabled.deny == {{"resource": id, "message": "Security Hub is not enabled in eu-west-1"}} with input as region(false)
}
