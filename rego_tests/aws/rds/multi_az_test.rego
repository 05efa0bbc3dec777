package cspm.checks.aws.rds.multi_az_test

import data.cspm.checks.aws.rds.multi_az

arn := "arn:aws:rds:us-east-1:111122223333:db:orders"

db(engine, multi_az) := {"resources": {"aws_db_instance": {arn: {"id": arn, "config": {"engine": engine, "multi_az": multi_az}}}}}

test_pass_multi_az if {
	count(multi_az.deny) == 0 with input as db("postgres", true)
}

test_pass_aurora_is_not_judged if {
	count(multi_az.applies) == 0 with input as db("aurora-postgresql", false)
}

test_fail_single_az if {
	multi_az.deny == {{"resource": arn, "message": "DB instance runs in a single availability zone"}} with input as db("mysql", false)
}
