package cspm.checks.aws.ebs.volume_encrypted_test

import data.cspm.checks.aws.ebs.volume_encrypted

arn := "arn:aws:ec2:us-east-1:111122223333:volume/vol-0abc"

volume(encrypted) := {"resources": {"aws_ebs_volume": {arn: {
	"id": arn,
	"type": "aws_ebs_volume",
	"config": {"encrypted": encrypted},
}}}}

test_pass_encrypted if {
	count(volume_encrypted.deny) == 0 with input as volume(true)
}

test_fail_unencrypted if {
	some d in volume_encrypted.deny with input as volume(false)
	d.resource == arn
}
