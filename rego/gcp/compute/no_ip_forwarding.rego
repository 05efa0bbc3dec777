# METADATA
# title: VMs do not forward IP packets
# description: >-
#   With IP forwarding a VM may send and receive packets for addresses that are not its
#   own, so a compromised VM can route or spoof traffic around network controls. GKE
#   nodes, which need it, are left out.
# custom:
#   id: GCP-COMPUTE-006
#   severity: MEDIUM
#   resource_type: google_compute_instance
#   remediation: >-
#     IP forwarding is fixed at creation: recreate the VM without --can-ip-forward, unless
#     it is a deliberate network appliance (then waive this finding).
#   compliance:
#     CIS_GCP_v4.0: ["4.6"]
#     PCI_DSS_v4.0: ["1.3.1", "1.4.3", "1.4.5"]
#     SOC2: ["CC6.6"]
package cspm.checks.gcp.compute.no_ip_forwarding

applies contains id if {
	some id, vm in input.resources.google_compute_instance
	vm.config.created_by_gke == false
}

deny contains {"resource": id, "message": "IP forwarding is enabled"} if {
	some id in applies
	input.resources.google_compute_instance[id].config.can_ip_forward == true
}
