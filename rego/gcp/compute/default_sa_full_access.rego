# METADATA
# title: VMs do not run as the default service account with access to all Cloud APIs
# description: >-
#   The cloud-platform scope lifts the last limit on what the default service account's
#   Editor role can reach from the VM: anyone who gets code running on it can use every
#   API the project has. GKE nodes are left out.
# custom:
#   id: GCP-COMPUTE-002
#   severity: HIGH
#   resource_type: google_compute_instance
#   remediation: >-
#     Give the VM a dedicated service account, or at least drop the cloud-platform scope
#     (`gcloud compute instances set-service-account VM --service-account EMAIL --scopes
#     SCOPES`).
#   compliance:
#     CIS_GCP_v4.0: ["4.2"]
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2"]
#     SOC2: ["CC6.3"]
#     ISO_27001_2022: ["A.8.3"]
package cspm.checks.gcp.compute.default_sa_full_access

full_access := "https://www.googleapis.com/auth/cloud-platform"

applies contains id if {
	some id, vm in input.resources.google_compute_instance
	vm.config.created_by_gke == false
}

deny contains {"resource": id, "message": "runs as the default service account with the cloud-platform scope"} if {
	some id in applies
	some account in input.resources.google_compute_instance[id].config.service_accounts
	endswith(account.email, "-compute@developer.gserviceaccount.com")
	full_access in account.scopes
}
