# METADATA
# title: VMs block project-wide SSH keys
# description: >-
#   A project-wide SSH key opens every VM in the project; one leaked key is a key to all of
#   them. Blocking it per VM limits each key to the machines it was added to. GKE nodes
#   are left out.
# custom:
#   id: GCP-COMPUTE-003
#   severity: MEDIUM
#   resource_type: google_compute_instance
#   remediation: >-
#     `gcloud compute instances add-metadata VM --metadata block-project-ssh-keys=TRUE`,
#     or use OS Login instead of metadata SSH keys.
#   compliance:
#     CIS_GCP_v4.0: ["4.3"]
#     PCI_DSS_v4.0: ["8.2.2", "8.2.5"]
#     SOC2: ["CC6.1", "CC6.6"]
package cspm.checks.gcp.compute.block_project_ssh_keys

applies contains id if {
	some id, vm in input.resources.google_compute_instance
	vm.config.created_by_gke == false
}

deny contains {"resource": id, "message": "project-wide SSH keys are not blocked"} if {
	some id in applies
	not input.resources.google_compute_instance[id].config.metadata.block_project_ssh_keys == true
}
