package cspm.checks.gcp.iam.sa_user_managed_keys_test

import data.cspm.checks.gcp.iam.sa_user_managed_keys

sa_id := "//iam.googleapis.com/projects/p/serviceAccounts/111"

account(keys) := {"resources": {"google_service_account": {sa_id: {
	"id": sa_id,
	"type": "google_service_account",
	"config": {"keys": keys},
}}}}

test_pass_only_google_managed_keys if {
	count(sa_user_managed_keys.deny) == 0 with input as account([{"key_id": "a1", "key_type": "SYSTEM_MANAGED"}])
}

test_pass_no_keys if {
	count(sa_user_managed_keys.deny) == 0 with input as account([])
}

test_fail_user_managed_key if {
	sa_user_managed_keys.deny == {{
		"resource": sa_id,
		"message": "service account has user-managed key(s): b2, c3",
	}} with input as account([
		{"key_id": "c3", "key_type": "USER_MANAGED"},
		{"key_id": "a1", "key_type": "SYSTEM_MANAGED"},
		{"key_id": "b2", "key_type": "USER_MANAGED"},
	])
}
