package cspm.checks.gcp.apikeys.api_restrictions_test

import data.cspm.checks.gcp.apikeys.api_restrictions

kid := "//apikeys.googleapis.com/projects/1/locations/global/keys/k"

key(targets) := {"resources": {"google_apikeys_key": {kid: {"id": kid, "config": {"api_targets": targets}}}}}

test_pass_restricted_to_one_api if {
	count(api_restrictions.deny) == 0 with input as key(["maps-backend.googleapis.com"])
}

test_fail_unrestricted if {
	api_restrictions.deny == {{"resource": kid, "message": "API key may call any enabled API"}} with input as key([])
}

test_fail_cloudapis_means_everything if {
	count(api_restrictions.deny) == 1 with input as key(["cloudapis.googleapis.com"])
}
