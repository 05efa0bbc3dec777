package cspm.checks.aws.rds.cluster_not_public_test

import data.cspm.checks.aws.rds.cluster_not_public

arn := "arn:aws:rds:us-east-1:111122223333:cluster:ledger"

cluster(engine, public) := {"resources": {"aws_rds_cluster": {arn: {
	"id": arn,
	"type": "aws_rds_cluster",
	"config": {"engine": engine, "publicly_accessible": public},
}}}}

test_pass_private if {
	cluster_not_public.applies == {arn} with input as cluster("postgres", false)
	count(cluster_not_public.deny) == 0 with input as cluster("postgres", false)
}

test_aurora_is_left_to_the_instance_check if {
	count(cluster_not_public.applies) == 0 with input as cluster("aurora-postgresql", true)
	count(cluster_not_public.deny) == 0 with input as cluster("aurora-postgresql", true)
}

test_fail_public if {
	cluster_not_public.deny == {{"resource": arn, "message": "DB cluster is publicly accessible"}} with input as cluster("mysql", true)
}
