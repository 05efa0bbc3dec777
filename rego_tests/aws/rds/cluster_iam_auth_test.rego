package cspm.checks.aws.rds.cluster_iam_auth_test

import data.cspm.checks.aws.rds.cluster_iam_auth

arn := "arn:aws:rds:us-east-1:111122223333:cluster:ledger"

cluster(enabled) := {"resources": {"aws_rds_cluster": {arn: {
	"id": arn,
	"type": "aws_rds_cluster",
	"config": {"iam_database_authentication_enabled": enabled},
}}}}

test_pass_iam_auth if {
	count(cluster_iam_auth.deny) == 0 with input as cluster(true)
}

test_fail_passwords_only if {
	some d in cluster_iam_auth.deny with input as cluster(false)
	d.resource == arn
}
