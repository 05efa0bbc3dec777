package cspm.checks.gcp.compute.default_sa_full_access_test

import data.cspm.checks.gcp.compute.default_sa_full_access

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

test_pass_default_account_with_narrow_scopes if {
	count(default_sa_full_access.deny) == 0 with input as vm({"service_accounts": [{"email": default_sa, "scopes": ["https://www.googleapis.com/auth/devstorage.read_only"]}]})
}

test_pass_dedicated_account_with_cloud_platform if {
	count(default_sa_full_access.deny) == 0 with input as vm({})
}

test_fail_default_account_cloud_platform if {
	default_sa_full_access.deny == {{
		"resource": vid,
		"message": "runs as the default service account with the cloud-platform scope",
	}} with input as vm({"service_accounts": [{"email": default_sa, "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}]})
}
