# METADATA
# title: VMs do not run as the Compute Engine default service account
# description: >-
#   The default service account gets the Editor role on the project when the Compute
#   Engine API is enabled, so every VM running as it can change almost anything. GKE
#   nodes, which CIS treats separately, are left out.
# custom:
#   id: GCP-COMPUTE-001
#   severity: MEDIUM
#   resource_type: google_compute_instance
#   remediation: >-
#     Stop the VM and give it a dedicated service account with only the roles it needs
#     (`gcloud compute instances set-service-account VM --service-account EMAIL --scopes
#     cloud-platform`).
#   compliance:
#     CIS_GCP_v4.0: ["4.1"]
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2", "7.2.5", "7.3.3", "8.2.8"]
#     SOC2: ["CC6.3"]
package cspm.checks.gcp.compute.no_default_service_account

applies contains id if {
	some id, vm in input.resources.google_compute_instance
	vm.config.created_by_gke == false
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	some account in input.resources.google_compute_instance[id].config.service_accounts
	endswith(account.email, "-compute@developer.gserviceaccount.com")
	msg := sprintf("runs as the default service account %s", [account.email])
}
