package cspm.checks.aws.efs.encrypted_test

import data.cspm.checks.aws.efs.encrypted

arn := "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0abc"

fs(on) := {"resources": {"aws_efs_file_system": {arn: {
	"id": arn,
	"type": "aws_efs_file_system",
	"config": {"encrypted": on},
}}}}

test_pass_encrypted if {
	count(encrypted.deny) == 0 with input as fs(true)
}

test_fail_unencrypted if {
	some d in encrypted.deny with input as fs(false)
	d.resource == arn
}
