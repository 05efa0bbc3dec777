package cspm.checks.aws.ebs.snapshot_encrypted_test

import data.cspm.checks.aws.ebs.snapshot_encrypted

arn := "arn:aws:ec2:us-east-1:111122223333:snapshot/snap-0123456789abcdef0"

snapshot(encrypted) := {"resources": {"aws_ebs_snapshot": {arn: {
	"id": arn,
	"type": "aws_ebs_snapshot",
	"config": {"encrypted": encrypted},
}}}}

test_pass_encrypted if {
	count(snapshot_encrypted.deny) == 0 with input as snapshot(true)
}

test_fail_unencrypted if {
	snapshot_encrypted.deny == {{"resource": arn, "message": "snapshot is not encrypted"}} with input as snapshot(false)
}
