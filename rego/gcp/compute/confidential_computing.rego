# METADATA
# title: VMs use Confidential Computing
# description: >-
#   Confidential VMs keep memory encrypted with a key the CPU holds, so data in use is
#   protected from the host, other tenants and memory snapshots. CIS lists it at Level 2:
#   waive it where the machine type or workload cannot use it.
# custom:
#   id: GCP-COMPUTE-010
#   severity: LOW
#   resource_type: google_compute_instance
#   remediation: >-
#     Recreate the VM on a supported machine type (N2D, C2D, C3 and others) with
#     --confidential-compute-type (or --confidential-compute).
#   compliance:
#     CIS_GCP_v4.0: ["4.11"]
#     PCI_DSS_v4.0: ["3.5.1"]
#     SOC2: ["CC6.1", "C1.1", "PI1.4"]
package cspm.checks.gcp.compute.confidential_computing

deny contains {"resource": id, "message": "Confidential Computing is off"} if {
	some id, vm in input.resources.google_compute_instance
	vm.config.confidential_compute == false
}
