package cspm.checks.aws.iam.access_analyzer_test

import data.cspm.checks.aws.iam.access_analyzer

id := "111122223333/eu-west-1"

region(analyzers) := {"resources": {"aws_region_settings": {id: {
	"id": id,
	"type": "aws_region_settings",
	"region": "eu-west-1",
	"config": {"access_analyzers": analyzers},
}}}}

test_pass_active_account_analyzer if {
	count(access_analyzer.deny) == 0 with input as region([{"name": "ext", "type": "ACCOUNT", "status": "ACTIVE"}])
}

test_pass_organization_analyzer if {
	count(access_analyzer.deny) == 0 with input as region([{"name": "org", "type": "ORGANIZATION", "status": "ACTIVE"}])
}

test_fail_no_analyzer if {
	access_analyzer.deny == {{"resource": id, "message": "no active external-access analyzer in eu-west-1"}} with input as region([])
}

test_fail_only_unused_access_analyzer if {
	some d in access_analyzer.deny with input as region([{"name": "u", "type": "ACCOUNT_UNUSED_ACCESS", "status": "ACTIVE"}])
	d.resource == id
}

test_fail_analyzer_disabled if {
	some d in access_analyzer.deny with input as region([{"name": "ext", "type": "ACCOUNT", "status": "DISABLED"}])
	d.resource == id
}
