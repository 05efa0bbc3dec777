# METADATA
# title: VMs have no external IP address
# description: >-
#   An external address makes the VM reachable from the internet wherever a firewall rule
#   allows it; Cloud NAT, load balancers and IAP give outbound and inbound access without
#   one. GKE nodes are left out.
# custom:
#   id: GCP-COMPUTE-009
#   severity: MEDIUM
#   resource_type: google_compute_instance
#   remediation: >-
#     Remove the access config (`gcloud compute instances delete-access-config VM
#     --access-config-name "external-nat"`) and use Cloud NAT or a load balancer.
#   compliance:
#     CIS_GCP_v4.0: ["4.9"]
#     PCI_DSS_v4.0: ["1.2.8", "1.3.1", "1.4.2", "1.4.4", "1.4.5", "3.5.1.3", "A1.1.2", "A1.1.3",
#       "A3.4.1"]
#     SOC2: ["CC6.6"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(7)", "AC-4(21)", "AC-6", "AC-17(b)", "AC-17(1)",
#       "AC-17(4)(a)", "AC-17(9)", "AC-17(10)", "MP-2", "SC-7(2)", "SC-7(3)", "SC-7(7)",
#       "SC-7(9)(a)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(20)", "SC-7(21)", "SC-7(24)(b)",
#       "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(b)", "SC-7(c)", "SC-25"]
#     ISO_27001_2022: ["A.8.1"]
package cspm.checks.gcp.compute.no_public_ip

applies contains id if {
	some id, vm in input.resources.google_compute_instance
	vm.config.created_by_gke == false
}

deny contains {"resource": id, "message": "VM has an external IPv4 address"} if {
	some id in applies
	some nic in input.resources.google_compute_instance[id].config.network_interfaces
	nic.external_ipv4 == true
}

deny contains {"resource": id, "message": "VM has an external IPv6 address"} if {
	some id in applies
	some nic in input.resources.google_compute_instance[id].config.network_interfaces
	nic.external_ipv6 == true
}
