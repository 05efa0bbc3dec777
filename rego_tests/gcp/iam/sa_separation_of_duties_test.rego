package cspm.checks.gcp.iam.sa_separation_of_duties_test

import data.cspm.checks.gcp.iam.sa_separation_of_duties

pid := "//cloudresourcemanager.googleapis.com/projects/1"

project(bindings) := {"resources": {"google_project": {pid: {
	"id": pid,
	"type": "google_project",
	"config": {"iam_bindings": bindings},
}}}}

test_pass_roles_held_by_different_people if {
	count(sa_separation_of_duties.deny) == 0 with input as project([
		{"role": "roles/iam.serviceAccountAdmin", "members": ["user:alice@example.com"]},
		{"role": "roles/iam.serviceAccountUser", "members": ["user:bob@example.com"]},
	])
}

test_fail_one_person_holds_both if {
	sa_separation_of_duties.deny == {{
		"resource": pid,
		"message": "both Service Account Admin and User: user:alice@example.com",
	}} with input as project([
		{"role": "roles/iam.serviceAccountAdmin", "members": ["user:alice@example.com"]},
		{"role": "roles/iam.serviceAccountUser", "members": ["user:bob@example.com", "user:alice@example.com"]},
	])
}
