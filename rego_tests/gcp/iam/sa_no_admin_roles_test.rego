package cspm.checks.gcp.iam.sa_no_admin_roles_test

import data.cspm.checks.gcp.iam.sa_no_admin_roles

pid := "//cloudresourcemanager.googleapis.com/projects/1"

project(bindings) := {"resources": {"google_project": {pid: {
	"id": pid,
	"type": "google_project",
	"config": {"iam_bindings": bindings},
}}}}

app := "serviceAccount:app@p.iam.gserviceaccount.com"

test_pass_service_account_with_narrow_role if {
	count(sa_no_admin_roles.deny) == 0 with input as project([{"role": "roles/storage.objectViewer", "members": [app]}])
}

test_pass_user_may_be_owner if {
	count(sa_no_admin_roles.deny) == 0 with input as project([{"role": "roles/owner", "members": ["user:alice@example.com"]}])
}

test_pass_google_service_agents_are_exempt if {
	count(sa_no_admin_roles.deny) == 0 with input as project([
		{"role": "roles/editor", "members": ["serviceAccount:123@cloudservices.gserviceaccount.com"]},
		{"role": "roles/compute.serviceAgent", "members": ["serviceAccount:service-123@compute-system.iam.gserviceaccount.com"]},
		{"role": "roles/container.admin", "members": ["serviceAccount:service-123@container-engine-robot.iam.gserviceaccount.com"]},
	])
}

test_fail_service_account_is_editor if {
	sa_no_admin_roles.deny == {{
		"resource": pid,
		"message": "service accounts with administrative roles: serviceAccount:app@p.iam.gserviceaccount.com has roles/editor",
	}} with input as project([{"role": "roles/editor", "members": [app]}])
}

test_fail_default_compute_account_with_admin_role if {
	some d in sa_no_admin_roles.deny with input as project([{
		"role": "roles/iam.securityAdmin",
		"members": ["serviceAccount:123-compute@developer.gserviceaccount.com"],
	}])
	contains(d.message, "roles/iam.securityAdmin")
}
