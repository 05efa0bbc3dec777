# METADATA
# title: Network security groups do not allow RDP from the internet
# description: >-
#   An inbound Allow rule for TCP 3389 from any source, 0.0.0.0/0 or the Internet tag
#   exposes Remote Desktop to password spraying and RDP exploits.
# custom:
#   id: AZURE-NETWORK-001
#   severity: HIGH
#   resource_type: azurerm_network_security_group
#   remediation: >-
#     Remove or narrow the rule: allow RDP only from known addresses, or use Azure
#     Bastion or just-in-time VM access instead.
#   compliance:
#     CIS_Azure_v4.0: ["8.1"]
#     PCI_DSS_v4.0: ["1.3.1", "1.4.2"]
#     SOC2: ["CC6.6"]
package cspm.checks.azure.network.rdp_from_internet

import data.cspm.lib.azure.network

deny contains {"resource": id, "message": sprintf("rule %s allows port 3389 from the internet", [rule.name])} if {
	some id, group in input.resources.azurerm_network_security_group
	some rule in group.config.security_rules
	network.exposes(rule, "tcp", 3389)
}
