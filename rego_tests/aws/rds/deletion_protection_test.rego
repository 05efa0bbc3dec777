package cspm.checks.aws.rds.deletion_protection_test

import data.cspm.checks.aws.rds.deletion_protection

arn := "arn:aws:rds:us-east-1:111122223333:db:orders"

instance(protected) := {"db_instance_identifier": "orders", "deletion_protection": protected}

snapshot(protected, members) := {"resources": {
	"aws_db_instance": {arn: {"id": arn, "type": "aws_db_instance", "config": instance(protected)}},
	"aws_rds_cluster": {"arn:aws:rds:us-east-1:111122223333:cluster:ledger": {
		"id": "arn:aws:rds:us-east-1:111122223333:cluster:ledger",
		"type": "aws_rds_cluster",
		"config": {"members": [{"db_instance_identifier": m} | some m in members]},
	}},
}}

test_pass_protected if {
	count(deletion_protection.deny) == 0 with input as snapshot(true, [])
}

test_fail_unprotected if {
	deletion_protection.deny == {{
		"resource": arn,
		"message": "DB instance can be deleted without first turning off protection",
	}} with input as snapshot(false, ["ledger-1"])
}

test_pass_cluster_member_left_to_the_cluster if {
	count(deletion_protection.deny) == 0 with input as snapshot(false, ["orders"])
}
