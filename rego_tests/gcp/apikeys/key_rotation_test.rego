package cspm.checks.gcp.apikeys.key_rotation_test

import data.cspm.checks.gcp.apikeys.key_rotation

kid := "//apikeys.googleapis.com/projects/1/locations/global/keys/k"

key(created) := {
	"taken_at": "2026-11-29T10:00:00Z",
	"resources": {"google_apikeys_key": {kid: {"id": kid, "config": {"create_time": created}}}},
}

test_pass_recent_key if {
	count(key_rotation.deny) == 0 with input as key("2026-10-01T00:00:00Z")
}

test_fail_old_key if {
	key_rotation.deny == {{"resource": kid, "message": "API key is 332 days old (limit 90)"}} with input as key("2026-01-01T00:00:00Z")
}
