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
#     NIST_800_53_r5: ["AC-4(21)", "AC-17(b)", "AC-17(1)", "AC-17(4)(a)", "AC-17(9)", "AC-17(10)",
#       "CM-2(a)", "CM-2(2)", "CM-6(a)", "CM-7(b)", "CM-8(6)", "CM-9(b)", "SC-7(5)", "SC-7(7)",
#       "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(21)", "SC-7(24)(b)", "SC-7(25)", "SC-7(26)",
#       "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(c)"]
#     ISO_27001_2022: ["A.8.14", "A.8.20", "A.8.21", "A.8.22"]
package cspm.checks.azure.network.rdp_from_internet

import data.cspm.lib.azure.network

deny contains {"resource": id, "message": sprintf("rule %s allows port 3389 from the internet", [rule.name])} if {
	some id, group in input.resources.azurerm_network_security_group
	some rule in group.config.security_rules
	network.exposes(rule, "tcp", 3389)
}
