package cspm.checks.gcp.compute.disk_csek_test

import data.cspm.checks.gcp.compute.disk_csek

did := "//compute.googleapis.com/projects/p/zones/us-central1-a/disks/data"

disk(kind) := {"resources": {"google_compute_disk": {did: {"id": did, "config": {"encryption": kind}}}}}

test_pass_customer_supplied_key if {
	count(disk_csek.deny) == 0 with input as disk("CSEK")
}

test_fail_google_managed if {
	disk_csek.deny == {{"resource": did, "message": "disk is encrypted with a GOOGLE key, not a customer-supplied one"}} with input as disk("GOOGLE")
}

test_fail_cmek if {
	count(disk_csek.deny) == 1 with input as disk("CMEK")
}
