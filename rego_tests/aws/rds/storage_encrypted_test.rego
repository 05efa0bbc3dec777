package cspm.checks.aws.rds.storage_encrypted_test

import data.cspm.checks.aws.rds.storage_encrypted

arn := "arn:aws:rds:us-east-1:111122223333:db:orders"

db(encrypted) := {"resources": {"aws_db_instance": {arn: {
	"id": arn,
	"type": "aws_db_instance",
	"config": {"storage_encrypted": encrypted},
}}}}

test_pass_encrypted if {
	count(storage_encrypted.deny) == 0 with input as db(true)
}

test_fail_unencrypted if {
	some d in storage_encrypted.deny with input as db(false)
	d.resource == arn
}
