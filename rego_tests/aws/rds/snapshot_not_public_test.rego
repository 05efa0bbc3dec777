package cspm.checks.aws.rds.snapshot_not_public_test

import data.cspm.checks.aws.rds.snapshot_not_public

arn := "arn:aws:rds:us-east-1:111122223333:snapshot:orders-final"

snap(public) := {"resources": {"aws_db_snapshot": {arn: {"id": arn, "config": {"public": public}}}}}

test_pass_private if {
	count(snapshot_not_public.deny) == 0 with input as snap(false)
}

test_fail_public if {
	snapshot_not_public.deny == {{"resource": arn, "message": "DB snapshot can be restored by any AWS account"}} with input as snap(true)
}
