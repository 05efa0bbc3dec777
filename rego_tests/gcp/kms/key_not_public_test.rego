package cspm.checks.gcp.kms.key_not_public_test

import data.cspm.checks.gcp.kms.key_not_public

kid := "//cloudkms.googleapis.com/projects/p/locations/us/keyRings/r/cryptoKeys/k"

key(bindings) := {"resources": {"google_kms_crypto_key": {kid: {
	"id": kid,
	"type": "google_kms_crypto_key",
	"config": {"iam_bindings": bindings},
}}}}

test_pass_private_key if {
	count(key_not_public.deny) == 0 with input as key([{"role": "roles/cloudkms.cryptoKeyEncrypterDecrypter", "members": ["serviceAccount:app@p.iam.gserviceaccount.com"]}])
}

test_fail_all_authenticated_users if {
	key_not_public.deny == {{
		"resource": kid,
		"message": "key is public: roles/cloudkms.cryptoKeyDecrypter to allAuthenticatedUsers",
	}} with input as key([{"role": "roles/cloudkms.cryptoKeyDecrypter", "members": ["allAuthenticatedUsers"]}])
}

test_fail_all_users if {
	count(key_not_public.deny) == 1 with input as key([{"role": "roles/cloudkms.viewer", "members": ["user:a@example.com", "allUsers"]}])
}
