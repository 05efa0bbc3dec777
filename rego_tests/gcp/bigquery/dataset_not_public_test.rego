package cspm.checks.gcp.bigquery.dataset_not_public_test

import data.cspm.checks.gcp.bigquery.dataset_not_public

did := "//bigquery.googleapis.com/projects/p/datasets/sales"

dataset(access, bindings) := {"resources": {"google_bigquery_dataset": {did: {
	"id": did,
	"config": {"access": access, "iam_bindings": bindings},
}}}}

test_pass_private if {
	count(dataset_not_public.deny) == 0 with input as dataset([{"role": "READER", "member": "group:analysts@example.com"}], [])
}

test_fail_access_entry_all_authenticated_users if {
	dataset_not_public.deny == {{
		"resource": did,
		"message": "dataset access list is public: READER to allAuthenticatedUsers",
	}} with input as dataset([{"role": "READER", "member": "allAuthenticatedUsers"}], [])
}

test_fail_iam_all_users if {
	count(dataset_not_public.deny) == 1 with input as dataset([], [{"role": "roles/bigquery.dataViewer", "members": ["allUsers"]}])
}
