package cspm.lib.gcp.iam_test

import data.cspm.lib.gcp.iam

test_is_admin_role if {
	iam.is_admin_role("roles/owner")
	iam.is_admin_role("roles/editor")
	iam.is_admin_role("roles/iam.securityAdmin")
	iam.is_admin_role("roles/compute.admin")
	iam.is_admin_role("projects/p/roles/networkAdmin")
	not iam.is_admin_role("roles/viewer")
	not iam.is_admin_role("roles/storage.objectViewer")
}

test_service_agents if {
	iam.is_service_agent("serviceAccount:service-123@gcp-sa-logging.iam.gserviceaccount.com")
	iam.is_service_agent("serviceAccount:service-org-42@gcp-sa-ktd-hpsa.iam.gserviceaccount.com")
	iam.is_service_agent("serviceAccount:123@cloudservices.gserviceaccount.com")
	not iam.is_service_agent("serviceAccount:app@p.iam.gserviceaccount.com")
	not iam.is_service_agent("user:service-1@example.com")
	iam.is_user_managed_service_account("serviceAccount:123-compute@developer.gserviceaccount.com")
	not iam.is_user_managed_service_account("group:ops@example.com")
}

test_roles_and_public_grants if {
	bindings := [
		{"role": "roles/viewer", "members": ["user:a@example.com", "allUsers"]},
		{"role": "roles/editor", "members": ["user:a@example.com"]},
	]
	iam.roles_of(bindings, "user:a@example.com") == {"roles/viewer", "roles/editor"}
	iam.members_of(bindings) == {"user:a@example.com", "allUsers"}
	iam.public_grants(bindings) == {"roles/viewer to allUsers"}
}
