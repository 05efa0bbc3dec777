package cspm.checks.aws.ebs.snapshot_not_public_test

import data.cspm.checks.aws.ebs.snapshot_not_public

arn := "arn:aws:ec2:us-east-1::snapshot/snap-1"

snap(public) := {"resources": {"aws_ebs_snapshot": {arn: {"id": arn, "config": {"public": public}}}}}

test_pass_private if {
	count(snapshot_not_public.deny) == 0 with input as snap(false)
}

test_fail_public if {
	snapshot_not_public.deny == {{"resource": arn, "message": "snapshot can be restored by any AWS account"}} with input as snap(true)
}
