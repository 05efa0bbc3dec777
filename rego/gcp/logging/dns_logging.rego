# METADATA
# title: Cloud DNS logging is on for every VPC network
# description: >-
#   DNS queries show which hosts a workload looks up: command-and-control domains, data
#   exfiltration over DNS, and the blast radius of a compromise. Cloud DNS logs them only
#   for networks bound to a DNS server policy with logging enabled.
# custom:
#   id: GCP-LOGGING-012
#   severity: LOW
#   resource_type: google_compute_network
#   remediation: >-
#     Create or update a DNS server policy with logging and bind it to the network
#     (`gcloud dns policies create NAME --networks NETWORK --enable-logging`).
#   compliance:
#     CIS_GCP_v4.0: ["2.12"]
#     PCI_DSS_v4.0: ["10.2.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.gcp.logging.dns_logging

deny contains {"resource": id, "message": "no DNS policy with logging covers this network"} if {
	some id, network in input.resources.google_compute_network
	not logged(network.config.self_link)
}

logged(link) if {
	some policy in input.resources.google_dns_policy
	policy.config.enable_logging == true
	link in policy.config.networks
}
