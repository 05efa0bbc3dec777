package cspm.checks.aws.rds.cluster_auto_minor_version_upgrade_test

import data.cspm.checks.aws.rds.cluster_auto_minor_version_upgrade

arn := "arn:aws:rds:us-east-1:111122223333:cluster:ledger"

cluster(engine, upgrade) := {"resources": {"aws_rds_cluster": {arn: {
	"id": arn,
	"type": "aws_rds_cluster",
	"config": {"engine": engine, "engine_version": "16.4", "auto_minor_version_upgrade": upgrade},
}}}}

test_pass_upgrades if {
	count(cluster_auto_minor_version_upgrade.deny) == 0 with input as cluster("postgres", true)
}

test_aurora_is_left_to_the_instance_check if {
	count(cluster_auto_minor_version_upgrade.applies) == 0 with input as cluster("aurora-mysql", false)
}

test_fail_no_upgrades if {
	cluster_auto_minor_version_upgrade.deny == {{"resource": arn, "message": "automatic minor version upgrade is off (postgres 16.4)"}} with input as cluster("postgres", false)
}
