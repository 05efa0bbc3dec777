package cspm.checks.aws.ebs.default_encryption_test

import data.cspm.checks.aws.ebs.default_encryption

id := "111122223333/us-east-1"

region(on) := {"resources": {"aws_region_settings": {id: {
	"id": id,
	"type": "aws_region_settings",
	"region": "us-east-1",
	"config": {"ebs_encryption_by_default": on},
}}}}

test_pass_default_encryption_on if {
	count(default_encryption.deny) == 0 with input as region(true)
}

test_fail_default_encryption_off if {
	default_encryption.deny == {{"resource": id, "message": "EBS encryption by default is off in us-east-1"}} with input as region(false)
}
