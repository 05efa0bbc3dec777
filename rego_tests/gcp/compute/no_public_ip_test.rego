package cspm.checks.gcp.compute.no_public_ip_test

import data.cspm.checks.gcp.compute.no_public_ip

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

test_pass_internal_only if {
	count(no_public_ip.deny) == 0 with input as vm({})
}

test_pass_gke_node if {
	no_public_ip.applies == set() with input as vm({"created_by_gke": true})
}

test_fail_external_ipv4 if {
	no_public_ip.deny == {{"resource": vid, "message": "VM has an external IPv4 address"}} with input as vm({"network_interfaces": [{"network": "n", "external_ipv4": true, "external_ipv6": false}]})
}

test_fail_external_ipv6 if {
	count(no_public_ip.deny) == 1 with input as vm({"network_interfaces": [{"network": "n", "external_ipv4": false, "external_ipv6": true}]})
}
