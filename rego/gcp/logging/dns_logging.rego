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
#     PCI_DSS_v4.0: ["1.3.2", "1.4.1", "1.4.2", "1.4.4", "5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2",
#       "10.2.1.3", "10.2.1.4", "10.2.1.5", "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.5.1",
#       "10.6.3", "A1.2.1"]
#     SOC2: ["CC6.6", "CC7.2", "CC7.3", "A1.2"]
#     ISO_27001_2022: ["A.8.16", "A.8.20", "A.8.21", "A.8.22"]
package cspm.checks.gcp.logging.dns_logging

deny contains {"resource": id, "message": "no DNS policy with logging covers this network"} if {
	some id, network in input.resources.google_compute_network
	not logged(network.config.self_link)
}

logged(link) if link in logged_networks

# The networks bound to a DNS policy with logging on, gathered once so each network is
# a lookup, not a scan of every policy.
logged_networks contains link if {
	some policy in input.resources.google_dns_policy
	policy.config.enable_logging == true
	some link in policy.config.networks
}
