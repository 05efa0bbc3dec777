package cspm.checks.gcp.gemini.api_disabled_test

import data.cspm.checks.gcp.gemini.api_disabled

pid := "//cloudresourcemanager.googleapis.com/projects/1"

project(services) := {"resources": {"google_project": {pid: {"id": pid, "config": {"enabled_services": services}}}}}

test_pass_not_enabled if {
	count(api_disabled.deny) == 0 with input as project(["compute.googleapis.com", "aiplatform.googleapis.com"])
}

test_fail_enabled if {
	api_disabled.deny == {{
		"resource": pid,
		"message": "cloudaicompanion.googleapis.com (Gemini for Google Cloud) is enabled",
	}} with input as project(["compute.googleapis.com", "cloudaicompanion.googleapis.com"])
}
