package cspm.checks.gcp.apikeys.no_api_keys_test

import data.cspm.checks.gcp.apikeys.no_api_keys

pid := "//cloudresourcemanager.googleapis.com/projects/1"

project := {"id": pid, "type": "google_project", "config": {}}

test_pass_no_keys if {
	count(no_api_keys.deny) == 0 with input as {"resources": {"google_project": {pid: project}}}
}

test_fail_key_exists if {
	no_api_keys.deny == {{"resource": pid, "message": "project has 1 API key(s): maps-web"}} with input as {"resources": {
		"google_project": {pid: project},
		"google_apikeys_key": {"//apikeys.googleapis.com/projects/1/locations/global/keys/k": {"name": "maps-web", "config": {"display_name": "maps-web"}}},
	}}
}
