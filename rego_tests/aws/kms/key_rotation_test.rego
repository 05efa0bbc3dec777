package cspm.checks.aws.kms.key_rotation_test

import data.cspm.checks.aws.kms.key_rotation

arn := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

customer_key := {
	"key_manager": "CUSTOMER",
	"key_spec": "SYMMETRIC_DEFAULT",
	"key_state": "Enabled",
	"origin": "AWS_KMS",
	"rotation_enabled": true,
}

key(patch) := {"resources": {"aws_kms_key": {arn: {
	"id": arn,
	"type": "aws_kms_key",
	"config": object.union(customer_key, patch),
}}}}

test_pass_rotation_enabled if {
	count(key_rotation.deny) == 0 with input as key({})
	key_rotation.applies == {arn} with input as key({})
}

test_fail_rotation_disabled if {
	key_rotation.deny == {{"resource": arn, "message": "automatic key rotation is disabled"}} with input as key({"rotation_enabled": false})
}

test_pass_aws_managed_key_not_applicable if {
	count(key_rotation.applies) == 0 with input as key({"key_manager": "AWS", "rotation_enabled": false})
	count(key_rotation.deny) == 0 with input as key({"key_manager": "AWS", "rotation_enabled": false})
}

test_pass_asymmetric_key_not_applicable if {
	count(key_rotation.deny) == 0 with input as key({"key_spec": "RSA_2048", "rotation_enabled": null})
}

test_pass_disabled_key_not_applicable if {
	count(key_rotation.deny) == 0 with input as key({"key_state": "Disabled", "rotation_enabled": false})
}

test_pass_imported_key_not_applicable if {
	count(key_rotation.deny) == 0 with input as key({"origin": "EXTERNAL", "rotation_enabled": null})
}
