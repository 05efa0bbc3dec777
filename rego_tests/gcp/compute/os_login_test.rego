package cspm.checks.gcp.compute.os_login_test

import data.cspm.checks.gcp.compute.os_login

pid := "//cloudresourcemanager.googleapis.com/projects/1"

snapshot(enabled, vm_setting) := {"resources": {
	"google_project": {pid: {"id": pid, "config": {"os_login_enabled": enabled}}},
	"google_compute_instance": {"v": {"name": "legacy-box", "config": {"metadata": {"enable_oslogin": vm_setting}}}},
}}

test_pass_enabled if {
	count(os_login.deny) == 0 with input as snapshot(true, null)
}

test_pass_compute_not_in_use if {
	count(os_login.deny) == 0 with input as {"resources": {"google_project": {pid: {"id": pid, "config": {"os_login_enabled": null}}}}}
}

test_fail_not_enabled if {
	os_login.deny == {{"resource": pid, "message": "enable-oslogin is not TRUE in the project metadata"}} with input as snapshot(false, null)
}

test_fail_vm_overrides if {
	os_login.deny == {{"resource": pid, "message": "VMs turn OS Login off for themselves: legacy-box"}} with input as snapshot(true, false)
}
