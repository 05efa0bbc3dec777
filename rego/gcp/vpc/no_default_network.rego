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
#     PCI_DSS_v4.0: ["1.2.5", "1.4.2", "2.2.5"]
#     SOC2: ["CC6.6"]
#     NIST_800_53_r5: ["AC-4(21)", "AC-17(b)", "AC-17(1)", "AC-17(4)(a)", "AC-17(9)", "AC-17(10)",
#       "CM-6(a)", "CM-9(b)", "SC-7(5)", "SC-7(7)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(21)",
#       "SC-7(24)(b)", "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(c)"]
#     ISO_27001_2022: ["A.8.20"]
package cspm.checks.gcp.vpc.no_default_network

deny contains {"resource": id, "message": "the default network exists"} if {
	some id, network in input.resources.google_compute_network
	endswith(network.config.self_link, "/global/networks/default")
}
