package cspm.checks.gcp.bigquery.dataset_default_cmek_test

import data.cspm.checks.gcp.bigquery.dataset_default_cmek

dataset(key) := {"resources": {"google_bigquery_dataset": {"d": {"id": "d", "config": {"default_kms_key_name": key}}}}}

test_pass_default_key if {
	count(dataset_default_cmek.deny) == 0 with input as dataset("projects/p/locations/us/keyRings/r/cryptoKeys/k")
}

test_fail_no_default_key if {
	dataset_default_cmek.deny == {{"resource": "d", "message": "dataset has no default customer-managed key"}} with input as dataset(null)
}
