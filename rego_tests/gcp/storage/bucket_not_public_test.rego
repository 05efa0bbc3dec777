package cspm.checks.gcp.storage.bucket_not_public_test

import data.cspm.checks.gcp.storage.bucket_not_public

bid := "//storage.googleapis.com/assets"

bucket(bindings, acl) := {"resources": {"google_storage_bucket": {bid: {
	"id": bid,
	"config": {"iam_bindings": bindings, "acl": acl},
}}}}

test_pass_private if {
	count(bucket_not_public.deny) == 0 with input as bucket(
		[{"role": "roles/storage.objectViewer", "members": ["group:web@example.com"]}],
		[{"entity": "project-owners-123", "role": "OWNER"}],
	)
}

test_fail_iam_all_users if {
	bucket_not_public.deny == {{
		"resource": bid,
		"message": "bucket IAM policy is public: roles/storage.objectViewer to allUsers",
	}} with input as bucket([{"role": "roles/storage.objectViewer", "members": ["allUsers"]}], [])
}

test_fail_acl_all_authenticated_users if {
	bucket_not_public.deny == {{
		"resource": bid,
		"message": "bucket ACL is public: READER to allAuthenticatedUsers",
	}} with input as bucket([], [{"entity": "allAuthenticatedUsers", "role": "READER"}])
}

test_pass_public_grants_blocked_by_public_access_prevention if {
	doc := bucket([{"role": "roles/storage.objectViewer", "members": ["allUsers"]}], [{"entity": "allUsers", "role": "READER"}])
	enforced := json.patch(doc, [{"op": "add", "path": ["resources", "google_storage_bucket", bid, "config", "public_access_prevention"], "value": "enforced"}])
	count(bucket_not_public.deny) == 0 with input as enforced
}

test_fail_public_grants_with_prevention_inherited if {
	doc := bucket([{"role": "roles/storage.objectViewer", "members": ["allUsers"]}], [])
	inherited := json.patch(doc, [{"op": "add", "path": ["resources", "google_storage_bucket", bid, "config", "public_access_prevention"], "value": "inherited"}])
	count(bucket_not_public.deny) == 1 with input as inherited
}
