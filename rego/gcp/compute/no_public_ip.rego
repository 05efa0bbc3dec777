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
#     PCI_DSS_v4.0: ["1.3.1", "1.4.4"]
#     SOC2: ["CC6.6"]
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
