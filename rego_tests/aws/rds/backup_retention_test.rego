package cspm.checks.aws.rds.backup_retention_test

import data.cspm.checks.aws.rds.backup_retention

arn := "arn:aws:rds:us-east-1:111122223333:db:orders"

snapshot(days, members) := {"resources": {
	"aws_db_instance": {arn: {
		"id": arn,
		"type": "aws_db_instance",
		"config": {"db_instance_identifier": "orders", "backup_retention_period": days},
	}},
	"aws_rds_cluster": {"arn:aws:rds:us-east-1:111122223333:cluster:ledger": {
		"id": "arn:aws:rds:us-east-1:111122223333:cluster:ledger",
		"type": "aws_rds_cluster",
		"config": {"members": [{"db_instance_identifier": m} | some m in members]},
	}},
}}

test_pass_a_week if {
	count(backup_retention.deny) == 0 with input as snapshot(7, [])
}

test_fail_backups_off if {
	backup_retention.deny == {{
		"resource": arn,
		"message": "automated backups are kept 0 day(s), fewer than 7",
	}} with input as snapshot(0, [])
}

test_fail_one_day if {
	some d in backup_retention.deny with input as snapshot(1, ["ledger-1"])
	d.resource == arn
}

test_pass_cluster_member_left_to_the_cluster if {
	count(backup_retention.deny) == 0 with input as snapshot(0, ["orders"])
}
