package cspm.checks.aws.s3.mfa_delete_test

import data.cspm.checks.aws.s3.mfa_delete

arn := "arn:aws:s3:::logs"

bucket(status, mfa) := {"resources": {"aws_s3_bucket": {arn: {"id": arn, "config": {"versioning": {"status": status, "mfa_delete": mfa}}}}}}

test_pass_mfa_delete if {
	count(mfa_delete.deny) == 0 with input as bucket("Enabled", true)
}

test_fail_versioned_without_mfa_delete if {
	mfa_delete.deny == {{"resource": arn, "message": "MFA delete is off (versioning is Enabled)"}} with input as bucket("Enabled", false)
}

test_fail_unversioned if {
	some d in mfa_delete.deny with input as bucket("Disabled", false)
	d.resource == arn
}
