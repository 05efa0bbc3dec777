package cspm.checks.gcp.iam.sa_key_rotation_test

import data.cspm.checks.gcp.iam.sa_key_rotation

sa_id := "//iam.googleapis.com/projects/p/serviceAccounts/111"

account(key) := {
	"taken_at": "2026-11-29T10:00:00Z",
	"resources": {"google_service_account": {sa_id: {
		"id": sa_id,
		"type": "google_service_account",
		"config": {"keys": [object.union({"key_id": "k1", "key_type": "USER_MANAGED", "disabled": false}, key)]},
	}}},
}

test_pass_key_90_days_old if {
	count(sa_key_rotation.deny) == 0 with input as account({"valid_after": "2026-08-31T10:00:00Z"})
}

test_pass_old_system_managed_key if {
	count(sa_key_rotation.deny) == 0 with input as account({"valid_after": "2020-01-01T00:00:00Z", "key_type": "SYSTEM_MANAGED"})
}

test_pass_old_disabled_key if {
	count(sa_key_rotation.deny) == 0 with input as account({"valid_after": "2020-01-01T00:00:00Z", "disabled": true})
}

test_fail_key_91_days_old if {
	sa_key_rotation.deny == {{
		"resource": sa_id,
		"message": "user-managed key k1 is 91 days old (limit 90)",
	}} with input as account({"valid_after": "2026-08-30T10:00:00Z"})
}
