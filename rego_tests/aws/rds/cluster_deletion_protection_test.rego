package cspm.checks.aws.rds.cluster_deletion_protection_test

import data.cspm.checks.aws.rds.cluster_deletion_protection

arn := "arn:aws:rds:us-east-1:111122223333:cluster:ledger"

cluster(protected) := {"resources": {"aws_rds_cluster": {arn: {
	"id": arn,
	"type": "aws_rds_cluster",
	"config": {"deletion_protection": protected},
}}}}

test_pass_protected if {
	count(cluster_deletion_protection.deny) == 0 with input as cluster(true)
}

test_fail_unprotected if {
	some d in cluster_deletion_protection.deny with input as cluster(false)
	d.resource == arn
}
