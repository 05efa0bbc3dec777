package cspm.checks.gcp.compute.shielded_vm_test

import data.cspm.checks.gcp.compute.shielded_vm

vid := "//compute.googleapis.com/projects/p/zones/us-central1-a/instances/web"

good := {
	"created_by_gke": false,
	"can_ip_forward": false,
	"confidential_compute": true,
	"service_accounts": [{"email": "web@p.iam.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}],
	"metadata": {"block_project_ssh_keys": true, "serial_port_enable": null, "enable_oslogin": null},
	"network_interfaces": [{"network": "projects/p/global/networks/vpc", "external_ipv4": false, "external_ipv6": false}],
	"shielded_instance_config": {"secure_boot": true, "vtpm": true, "integrity_monitoring": true},
}

vm(overrides) := {"resources": {"google_compute_instance": {vid: {"id": vid, "name": "web", "config": object.union(good, overrides)}}}}

default_sa := "123-compute@developer.gserviceaccount.com"

test_pass_fully_shielded if {
	count(shielded_vm.deny) == 0 with input as vm({})
}

test_pass_secure_boot_optional if {
	count(shielded_vm.deny) == 0 with input as vm({"shielded_instance_config": {"secure_boot": false, "vtpm": true, "integrity_monitoring": true}})
}

test_fail_not_shielded if {
	shielded_vm.deny == {{"resource": vid, "message": "not a Shielded VM"}} with input as vm({"shielded_instance_config": null})
}

test_fail_without_vtpm_and_monitoring if {
	shielded_vm.deny == {{"resource": vid, "message": "Shielded VM without integrity monitoring and vTPM"}} with input as vm({"shielded_instance_config": {"secure_boot": true, "vtpm": false, "integrity_monitoring": false}})
}
