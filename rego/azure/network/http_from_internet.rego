# METADATA
# title: Network security groups do not allow HTTP(S) from the internet
# description: >-
#   Inbound HTTP and HTTPS from anywhere should reach virtual machines only through a
#   reviewed front end (Application Gateway, Front Door, a load balancer with a web
#   application firewall), not directly.
# custom:
#   id: AZURE-NETWORK-004
#   severity: LOW
#   resource_type: azurerm_network_security_group
#   remediation: >-
#     Remove or narrow inbound rules that allow TCP 80 or 443 from the internet, and
#     publish web workloads through a web application firewall.
#   compliance:
#     CIS_Azure_v4.0: ["8.4"]
#     PCI_DSS_v4.0: ["1.2.5", "1.2.8", "1.3.1", "1.3.2", "1.4.1", "1.4.2", "1.4.4", "1.5.1",
#       "2.2.5", "2.2.7", "4.2.1", "4.2.1.1", "8.3.2", "A1.1.3"]
#     SOC2: ["CC6.6"]
#     ISO_27001_2022: ["A.8.20", "A.8.21", "A.8.22"]
package cspm.checks.azure.network.http_from_internet

import data.cspm.lib.azure.network

deny contains {"resource": id, "message": sprintf("rule %s allows port 80 from the internet", [rule.name])} if {
	some id, group in input.resources.azurerm_network_security_group
	some rule in group.config.security_rules
	network.exposes(rule, "tcp", 80)
}

deny contains {"resource": id, "message": sprintf("rule %s allows port 443 from the internet", [rule.name])} if {
	some id, group in input.resources.azurerm_network_security_group
	some rule in group.config.security_rules
	network.exposes(rule, "tcp", 443)
}
