package cspm.checks.aws.rds.cluster_multi_az_test

import data.cspm.checks.aws.rds.cluster_multi_az

arn := "arn:aws:rds:us-east-1:111122223333:cluster:ledger"

cluster(multi_az) := {"resources": {"aws_rds_cluster": {arn: {
	"id": arn,
	"type": "aws_rds_cluster",
	"config": {"engine": "aurora-mysql", "multi_az": multi_az},
}}}}

test_pass_multi_az if {
	count(cluster_multi_az.deny) == 0 with input as cluster(true)
}

test_fail_single_az if {
	cluster_multi_az.deny == {{"resource": arn, "message": "DB cluster runs in a single availability zone"}} with input as cluster(false)
}
