# METADATA
# title: OS Login is enabled for the project
# description: >-
#   OS Login ties SSH access to IAM identities, so access is granted and revoked with
#   roles and audited, instead of living in metadata keys nobody tracks. It is set in the
#   project's Compute Engine metadata, and a VM can turn it off again for itself.
# custom:
#   id: GCP-COMPUTE-004
#   severity: MEDIUM
#   resource_type: google_project
#   remediation: >-
#     `gcloud compute project-info add-metadata --metadata enable-oslogin=TRUE`, and remove
#     enable-oslogin=FALSE from the metadata of VMs that override it.
#   compliance:
#     CIS_GCP_v4.0: ["4.4"]
#     PCI_DSS_v4.0: ["8.2.1"]
#     SOC2: ["CC6.1", "CC6.2", "CC7.2", "CC7.3", "A1.2"]
#     ISO_27001_2022: ["A.8.5", "A.8.16"]
package cspm.checks.gcp.compute.os_login

deny contains {"resource": id, "message": "enable-oslogin is not TRUE in the project metadata"} if {
	some id, project in input.resources.google_project
	project.config.os_login_enabled == false
}

deny contains {"resource": id, "message": msg} if {
	some id, _ in input.resources.google_project
	overriding := {vm.name |
		some vm in input.resources.google_compute_instance
		vm.config.metadata.enable_oslogin == false
	}
	count(overriding) > 0
	msg := sprintf("VMs turn OS Login off for themselves: %s", [concat(", ", sort(overriding))])
}
