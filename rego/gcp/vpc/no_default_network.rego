# METADATA
# title: The default network does not exist
# description: >-
#   The auto-created default network comes with firewall rules that admit SSH, RDP and
#   ICMP from anywhere and internal traffic on every port, and with subnets in every
#   region; a network designed for the workload should replace it.
# custom:
#   id: GCP-VPC-001
#   severity: MEDIUM
#   resource_type: google_compute_network
#   remediation: >-
#     Move workloads to a custom-mode network, then delete the default network's firewall
#     rules and the network (`gcloud compute networks delete default`).
#   compliance:
#     CIS_GCP_v4.0: ["3.1"]
#     PCI_DSS_v4.0: ["1.2.5", "2.2.5"]
#     SOC2: ["CC6.6"]
package cspm.checks.gcp.vpc.no_default_network

deny contains {"resource": id, "message": "the default network exists"} if {
	some id, network in input.resources.google_compute_network
	endswith(network.config.self_link, "/global/networks/default")
}
