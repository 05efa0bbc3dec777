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
#     PCI_DSS_v4.0: ["1.3.1", "1.4.2"]
#     SOC2: ["CC6.6"]
package cspm.checks.azure.sql.open_firewall

deny contains {"resource": id, "message": sprintf("firewall rule %s admits %s-%s", [rule.name, rule.start_ip_address, rule.end_ip_address])} if {
	some id, server in input.resources.azurerm_mssql_server
	some rule in server.config.firewall_rules
	too_broad(rule)
}

too_broad(rule) if rule.start_ip_address == "0.0.0.0"

too_broad(rule) if rule.end_ip_address == "255.255.255.255"
