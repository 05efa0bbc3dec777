# METADATA
# title: Firewall rules do not admit SSH from the internet
# description: >-
#   An ingress rule that allows TCP 22 from 0.0.0.0/0 or ::/0 puts every matching VM's
#   SSH service in front of the internet's password guessers and exploit scanners.
#   Use Identity-Aware Proxy TCP forwarding or a bastion instead.
# custom:
#   id: GCP-VPC-003
#   severity: HIGH
#   resource_type: google_compute_firewall
#   remediation: >-
#     Narrow the rule's source ranges to known addresses (IAP's 35.235.240.0/20 for IAP
#     TCP forwarding), or delete it (`gcloud compute firewall-rules update RULE
#     --source-ranges RANGES`).
#   compliance:
#     CIS_GCP_v4.0: ["3.6"]
#     PCI_DSS_v4.0: ["1.3.1", "1.4.1"]
#     SOC2: ["CC6.6"]
package cspm.checks.gcp.vpc.ssh_from_internet

import data.cspm.lib.gcp.firewall

deny contains {"resource": id, "message": "ingress rule allows SSH (TCP 22) from anywhere"} if {
	some id, rule in input.resources.google_compute_firewall
	rule.config.direction == "INGRESS"
	rule.config.disabled == false
	firewall.from_anywhere(rule.config.source_ranges)
	firewall.allows_tcp_port(rule.config.allowed, 22)
}
