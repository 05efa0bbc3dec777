package cspm.checks.gcp.iam.no_project_sa_user_roles_test

import data.cspm.checks.gcp.iam.no_project_sa_user_roles

pid := "//cloudresourcemanager.googleapis.com/projects/1"

project(bindings) := {"resources": {"google_project": {pid: {
	"id": pid,
	"type": "google_project",
	"config": {"iam_bindings": bindings},
}}}}

test_pass_no_impersonation_roles if {
	count(no_project_sa_user_roles.deny) == 0 with input as project([{"role": "roles/viewer", "members": ["group:dev@example.com"]}])
}

test_fail_user_holds_service_account_user if {
	no_project_sa_user_roles.deny == {{
		"resource": pid,
		"message": "project-level service account impersonation: roles/iam.serviceAccountUser to user:bob@example.com",
	}} with input as project([{"role": "roles/iam.serviceAccountUser", "members": ["user:bob@example.com"]}])
}

test_fail_token_creator if {
	count(no_project_sa_user_roles.deny) == 1 with input as project([{"role": "roles/iam.serviceAccountTokenCreator", "members": ["group:ops@example.com"]}])
}
