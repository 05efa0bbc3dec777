package cspm.checks.gcp.iam.access_approval_test

import data.cspm.checks.gcp.iam.access_approval

pid := "//cloudresourcemanager.googleapis.com/projects/1"

project(settings) := {"resources": {"google_project": {pid: {
	"id": pid,
	"type": "google_project",
	"config": {"access_approval": settings},
}}}}

test_pass_enrolled if {
	count(access_approval.deny) == 0 with input as project({"enabled": true, "enrolled_services": ["all"], "enrolled_ancestor": false, "notification_email_count": 1})
}

test_pass_ancestor_enrolled if {
	count(access_approval.deny) == 0 with input as project({"enabled": true, "enrolled_services": [], "enrolled_ancestor": true, "notification_email_count": 0})
}

test_fail_not_enrolled if {
	access_approval.deny == {{
		"resource": pid,
		"message": "Access Approval is not enabled for the project or an ancestor",
	}} with input as project({"enabled": false, "enrolled_services": [], "enrolled_ancestor": false, "notification_email_count": 0})
}
