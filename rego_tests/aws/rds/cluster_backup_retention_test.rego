package cspm.checks.aws.rds.cluster_backup_retention_test

import data.cspm.checks.aws.rds.cluster_backup_retention

arn := "arn:aws:rds:us-east-1:111122223333:cluster:ledger"

cluster(days) := {"resources": {"aws_rds_cluster": {arn: {
	"id": arn,
	"type": "aws_rds_cluster",
	"config": {"backup_retention_period": days},
}}}}

test_pass_a_week if {
	count(cluster_backup_retention.deny) == 0 with input as cluster(7)
}

test_pass_a_month if {
	count(cluster_backup_retention.deny) == 0 with input as cluster(35)
}

test_fail_one_day if {
	cluster_backup_retention.deny == {{"resource": arn, "message": "automated backups are kept 1 day(s), fewer than 7"}} with input as cluster(1)
}
