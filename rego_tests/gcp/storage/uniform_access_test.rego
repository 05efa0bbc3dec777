package cspm.checks.gcp.storage.uniform_access_test

import data.cspm.checks.gcp.storage.uniform_access

bucket(on) := {"resources": {"google_storage_bucket": {"b": {"id": "b", "config": {"uniform_bucket_level_access": on}}}}}

test_pass_uniform if {
	count(uniform_access.deny) == 0 with input as bucket(true)
}

test_fail_fine_grained if {
	uniform_access.deny == {{"resource": "b", "message": "uniform bucket-level access is off"}} with input as bucket(false)
}
