package cspm.checks.aws.rds.auto_minor_version_upgrade_test

import data.cspm.checks.aws.rds.auto_minor_version_upgrade

arn := "arn:aws:rds:us-east-1:111122223333:db:orders"

db(upgrade) := {"resources": {"aws_db_instance": {arn: {
	"id": arn,
	"type": "aws_db_instance",
	"config": {"engine": "postgres", "engine_version": "16.4", "auto_minor_version_upgrade": upgrade},
}}}}

test_pass_upgrades_on if {
	count(auto_minor_version_upgrade.deny) == 0 with input as db(true)
}

test_fail_upgrades_off if {
	auto_minor_version_upgrade.deny == {{
		"resource": arn,
		"message": "automatic minor version upgrade is off (postgres 16.4)",
	}} with input as db(false)
}
