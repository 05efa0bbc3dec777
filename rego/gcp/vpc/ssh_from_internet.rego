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
#     PCI_DSS_v4.0: ["1.2.5", "1.2.8", "1.3.1", "1.3.2", "1.4.1", "1.4.2", "1.5.1", "2.2.5",
#       "3.5.1.3", "10.3.2", "A1.1.2", "A1.1.3", "A3.4.1"]
#     SOC2: ["CC6.6", "CC6.7"]
#     NIST_800_53_r5: ["AC-4(21)", "AC-17(b)", "AC-17(1)", "AC-17(4)(a)", "AC-17(9)", "AC-17(10)",
#       "CM-2(a)", "CM-2(2)", "CM-6(a)", "CM-7(b)", "CM-8(6)", "CM-9(b)", "SC-7(5)", "SC-7(7)",
#       "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(21)", "SC-7(24)(b)", "SC-7(25)", "SC-7(26)",
#       "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(c)"]
#     ISO_27001_2022: ["A.8.20"]
package cspm.checks.gcp.vpc.ssh_from_internet

import data.cspm.lib.gcp.firewall

deny contains {"resource": id, "message": "ingress rule allows SSH (TCP 22) from anywhere"} if {
	some id, rule in input.resources.google_compute_firewall
	rule.config.direction == "INGRESS"
	rule.config.disabled == false
	firewall.from_anywhere(rule.config.source_ranges)
	firewall.allows_tcp_port(rule.config.allowed, 22)
}
