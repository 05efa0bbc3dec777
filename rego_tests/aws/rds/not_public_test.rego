package cspm.checks.aws.rds.not_public_test

import data.cspm.checks.aws.rds.not_public

arn := "arn:aws:rds:us-east-1:111122223333:db:orders"

db(public) := {"resources": {"aws_db_instance": {arn: {
	"id": arn,
	"type": "aws_db_instance",
	"config": {"publicly_accessible": public},
}}}}

test_pass_private if {
	count(not_public.deny) == 0 with input as db(false)
}

test_fail_public if {
	some d in not_public.deny with input as db(true)
	d.resource == arn
}
