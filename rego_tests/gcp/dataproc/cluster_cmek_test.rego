package cspm.checks.gcp.dataproc.cluster_cmek_test

import data.cspm.checks.gcp.dataproc.cluster_cmek

cluster(key) := {"resources": {"google_dataproc_cluster": {"c": {"id": "c", "config": {"kms_key_name": key}}}}}

test_pass_cmek if {
	count(cluster_cmek.deny) == 0 with input as cluster("projects/p/locations/us/keyRings/r/cryptoKeys/k")
}

test_fail_google_managed if {
	cluster_cmek.deny == {{"resource": "c", "message": "cluster disks use a Google-managed key"}} with input as cluster(null)
}
