package cspm.checks.aws.iam.root_hardware_mfa_test

import data.cspm.checks.aws.iam.root_hardware_mfa

account(mfa, virtual) := {"resources": {"aws_account": {"111122223333": {
	"id": "111122223333",
	"config": {"root_user": {"mfa_active": mfa}, "root_virtual_mfa": virtual},
}}}}

test_pass_hardware_device if {
	count(root_hardware_mfa.deny) == 0 with input as account(true, false)
}

test_fail_virtual_device if {
	root_hardware_mfa.deny == {{"resource": "111122223333", "message": "the root user's MFA device is a virtual one"}} with input as account(true, true)
}

test_fail_no_device if {
	root_hardware_mfa.deny == {{"resource": "111122223333", "message": "the root user has no MFA device"}} with input as account(false, false)
}
