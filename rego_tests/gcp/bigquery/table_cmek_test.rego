package cspm.checks.gcp.bigquery.table_cmek_test

import data.cspm.checks.gcp.bigquery.table_cmek

tid := "//bigquery.googleapis.com/projects/p/datasets/sales/tables/orders"

table(kind, key) := {"resources": {"google_bigquery_table": {tid: {"id": tid, "config": {"table_type": kind, "kms_key_name": key}}}}}

test_pass_cmek if {
	count(table_cmek.deny) == 0 with input as table("TABLE", "projects/p/locations/us/keyRings/r/cryptoKeys/k")
}

test_pass_view_does_not_apply if {
	table_cmek.applies == set() with input as table("VIEW", null)
}

test_fail_google_managed if {
	table_cmek.deny == {{"resource": tid, "message": "table is encrypted with a Google-managed key"}} with input as table("TABLE", null)
}
