# METADATA
# title: SQL server firewalls do not admit any address
# description: >-
#   A firewall rule that starts at 0.0.0.0 (the 'Allow Azure services' rule, open to
#   every tenant's Azure resources) or ends at 255.255.255.255 (the whole internet)
#   leaves the server's login prompt open far beyond its clients.
# custom:
#   id: AZURE-SQL-002
#   severity: HIGH
#   resource_type: azurerm_mssql_server
#   remediation: >-
#     Delete the broad firewall rules (az sql server firewall-rule delete) and allow
#     specific addresses, virtual network rules or private endpoints instead.
#   compliance:
#     PCI_DSS_v4.0: ["1.2.8", "1.3.1", "1.3.2", "1.4.2", "1.5.1", "3.5.1.3", "10.3.2", "A1.1.2",
#       "A1.1.3", "A3.4.1"]
#     SOC2: ["CC6.2", "CC6.6"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(7)", "AC-4(21)", "AC-6", "AC-17(b)", "AC-17(1)",
#       "AC-17(4)(a)", "AC-17(9)", "AC-17(10)", "MP-2", "SC-7(2)", "SC-7(3)", "SC-7(7)",
#       "SC-7(9)(a)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(20)", "SC-7(21)", "SC-7(24)(b)",
#       "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(b)", "SC-7(c)", "SC-25"]
package cspm.checks.azure.sql.open_firewall

deny contains {"resource": id, "message": sprintf("firewall rule %s admits %s-%s", [rule.name, rule.start_ip_address, rule.end_ip_address])} if {
	some id, server in input.resources.azurerm_mssql_server
	some rule in server.config.firewall_rules
	too_broad(rule)
}

too_broad(rule) if rule.start_ip_address == "0.0.0.0"

too_broad(rule) if rule.end_ip_address == "255.255.255.255"
