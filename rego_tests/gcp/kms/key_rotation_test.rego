package cspm.checks.gcp.kms.key_rotation_test

import data.cspm.checks.gcp.kms.key_rotation

kid := "//cloudkms.googleapis.com/projects/p/locations/us/keyRings/r/cryptoKeys/k"

key(config) := {"resources": {"google_kms_crypto_key": {kid: {
	"id": kid,
	"type": "google_kms_crypto_key",
	"config": object.union(
		{"purpose": "ENCRYPT_DECRYPT", "rotation_period_seconds": 7776000, "next_rotation_time": "2026-12-01T00:00:00Z"},
		config,
	),
}}}}

test_pass_rotates_every_90_days if {
	count(key_rotation.deny) == 0 with input as key({})
}

test_pass_asymmetric_keys_do_not_apply if {
	key_rotation.applies == set() with input as key({"purpose": "ASYMMETRIC_SIGN", "rotation_period_seconds": null})
	count(key_rotation.deny) == 0 with input as key({"purpose": "ASYMMETRIC_SIGN", "rotation_period_seconds": null})
}

test_fail_no_rotation if {
	key_rotation.deny == {{"resource": kid, "message": "key has no automatic rotation"}} with input as key({"rotation_period_seconds": null, "next_rotation_time": null})
}

test_fail_yearly_rotation if {
	key_rotation.deny == {{"resource": kid, "message": "key rotates every 365 days (limit 90)"}} with input as key({"rotation_period_seconds": 31536000})
}

test_fail_no_next_rotation if {
	key_rotation.deny == {{"resource": kid, "message": "key has a rotation period but no next rotation time"}} with input as key({"next_rotation_time": null})
}
