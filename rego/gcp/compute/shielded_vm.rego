# METADATA
# title: VMs are Shielded VMs with vTPM and integrity monitoring
# description: >-
#   A virtual TPM and integrity monitoring let Compute Engine measure the boot sequence and
#   report when it changes, which is how boot-level and kernel-level malware shows up.
# custom:
#   id: GCP-COMPUTE-008
#   severity: MEDIUM
#   resource_type: google_compute_instance
#   remediation: >-
#     Stop the VM and turn the options on (`gcloud compute instances update VM
#     --shielded-vtpm --shielded-integrity-monitoring`; add --shielded-secure-boot where
#     the OS supports it).
#   compliance:
#     CIS_GCP_v4.0: ["4.8"]
#     PCI_DSS_v4.0: ["11.5.2"]
#     SOC2: ["CC6.8"]
#     ISO_27001_2022: ["A.8.14"]
package cspm.checks.gcp.compute.shielded_vm

deny contains {"resource": id, "message": "not a Shielded VM"} if {
	some id, vm in input.resources.google_compute_instance
	is_null(vm.config.shielded_instance_config)
}

deny contains {"resource": id, "message": msg} if {
	some id, vm in input.resources.google_compute_instance
	shielded := vm.config.shielded_instance_config
	off := {name |
		some name, wanted in {"vTPM": shielded.vtpm, "integrity monitoring": shielded.integrity_monitoring}
		wanted == false
	}
	count(off) > 0
	msg := sprintf("Shielded VM without %s", [concat(" and ", sort(off))])
}
