package cspm.checks.aws.kms.no_pending_deletion_test

import data.cspm.checks.aws.kms.no_pending_deletion

arn := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

key(manager, state) := {"resources": {"aws_kms_key": {arn: {
	"id": arn,
	"type": "aws_kms_key",
	"config": {"key_manager": manager, "key_state": state},
}}}}

test_pass_enabled_key if {
	count(no_pending_deletion.deny) == 0 with input as key("CUSTOMER", "Enabled")
}

test_pass_disabled_key if {
	count(no_pending_deletion.deny) == 0 with input as key("CUSTOMER", "Disabled")
}

test_fail_pending_deletion if {
	no_pending_deletion.deny == {{
		"resource": arn,
		"message": "customer managed key is in state PendingDeletion",
	}} with input as key("CUSTOMER", "PendingDeletion")
}

test_fail_pending_replica_deletion if {
	some d in no_pending_deletion.deny with input as key("CUSTOMER", "PendingReplicaDeletion")
	d.resource == arn
}

test_pass_aws_managed_key_ignored if {
	count(no_pending_deletion.deny) == 0 with input as key("AWS", "PendingDeletion")
}
