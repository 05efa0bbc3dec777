# METADATA
# title: Network security groups do not allow UDP from the internet
# description: >-
#   Internet-facing UDP services (DNS, NTP, SSDP, CLDAP, ...) are abused for
#   reflection and amplification attacks; inbound UDP from any source should not be
#   allowed.
# custom:
#   id: AZURE-NETWORK-003
#   severity: MEDIUM
#   resource_type: azurerm_network_security_group
#   remediation: >-
#     Remove or narrow inbound rules that allow UDP (or any protocol) from the
#     internet.
#   compliance:
#     CIS_Azure_v4.0: ["8.3"]
#     PCI_DSS_v4.0: ["1.3.1", "1.4.2"]
#     SOC2: ["CC6.6"]
#     ISO_27001_2022: ["A.8.14", "A.8.20", "A.8.21", "A.8.22"]
package cspm.checks.azure.network.udp_from_internet

import data.cspm.lib.azure.network

deny contains {"resource": id, "message": sprintf("rule %s allows UDP from the internet", [rule.name])} if {
	some id, group in input.resources.azurerm_network_security_group
	some rule in group.config.security_rules
	network.inbound_from_internet(rule)
	network.carries(rule, "udp")
}
