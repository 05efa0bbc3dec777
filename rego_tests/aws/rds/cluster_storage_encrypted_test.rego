package cspm.checks.aws.rds.cluster_storage_encrypted_test

import data.cspm.checks.aws.rds.cluster_storage_encrypted

arn := "arn:aws:rds:us-east-1:111122223333:cluster:ledger"

cluster(encrypted) := {"resources": {"aws_rds_cluster": {arn: {
	"id": arn,
	"type": "aws_rds_cluster",
	"config": {"engine": "aurora-postgresql", "storage_encrypted": encrypted},
}}}}

test_pass_encrypted if {
	count(cluster_storage_encrypted.deny) == 0 with input as cluster(true)
}

test_fail_unencrypted if {
	cluster_storage_encrypted.deny == {{"resource": arn, "message": "DB cluster storage is not encrypted"}} with input as cluster(false)
}
