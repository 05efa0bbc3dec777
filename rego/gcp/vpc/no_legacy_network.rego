# METADATA
# title: No legacy networks
# description: >-
#   A legacy network has one global IPv4 range and no subnets, so it cannot have subnet
#   flow logs, Private Google Access or per-region address planning.
# custom:
#   id: GCP-VPC-002
#   severity: MEDIUM
#   resource_type: google_compute_network
#   remediation: >-
#     Create a VPC network, move the workloads to it, and delete the legacy network
#     (legacy networks cannot be converted).
#   compliance:
#     CIS_GCP_v4.0: ["3.2"]
#     SOC2: ["CC6.6"]
#     ISO_27001_2022: ["A.8.20"]
package cspm.checks.gcp.vpc.no_legacy_network

deny contains {"resource": id, "message": "legacy (non-VPC) network"} if {
	some id, network in input.resources.google_compute_network
	network.config.legacy == true
}
