package cspm.checks.gcp.compute.serial_port_disabled_test

import data.cspm.checks.gcp.compute.serial_port_disabled

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

test_pass_not_set if {
	count(serial_port_disabled.deny) == 0 with input as vm({})
}

test_pass_set_false if {
	count(serial_port_disabled.deny) == 0 with input as vm({"metadata": {"serial_port_enable": false}})
}

test_fail_enabled if {
	serial_port_disabled.deny == {{"resource": vid, "message": "serial-port-enable is TRUE"}} with input as vm({"metadata": {"serial_port_enable": true}})
}
