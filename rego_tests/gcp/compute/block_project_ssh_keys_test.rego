package cspm.checks.gcp.compute.block_project_ssh_keys_test

import data.cspm.checks.gcp.compute.block_project_ssh_keys

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

test_pass_blocked if {
	count(block_project_ssh_keys.deny) == 0 with input as vm({})
}

test_fail_not_set if {
	block_project_ssh_keys.deny == {{"resource": vid, "message": "project-wide SSH keys are not blocked"}} with input as vm({"metadata": {"block_project_ssh_keys": null}})
}

test_fail_set_false if {
	count(block_project_ssh_keys.deny) == 1 with input as vm({"metadata": {"block_project_ssh_keys": false}})
}
