# METADATA
# title: Network security groups do not allow SSH from the internet
# description: >-
#   An inbound Allow rule for TCP 22 from any source, 0.0.0.0/0 or the Internet tag
#   exposes SSH to brute force and to exploits of the daemon.
# custom:
#   id: AZURE-NETWORK-002
#   severity: HIGH
#   resource_type: azurerm_network_security_group
#   remediation: >-
#     Remove or narrow the rule: allow SSH only from known addresses, or use Azure
#     Bastion or just-in-time VM access instead.
#   compliance:
#     CIS_Azure_v4.0: ["8.2"]
#     PCI_DSS_v4.0: ["1.3.1", "1.4.2"]
#     SOC2: ["CC6.6"]
package cspm.checks.azure.network.ssh_from_internet

import data.cspm.lib.azure.network

deny contains {"resource": id, "message": sprintf("rule %s allows port 22 from the internet", [rule.name])} if {
	some id, group in input.resources.azurerm_network_security_group
	some rule in group.config.security_rules
	network.exposes(rule, "tcp", 22)
}
