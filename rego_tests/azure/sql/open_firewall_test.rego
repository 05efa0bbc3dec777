package cspm.checks.azure.sql.open_firewall_test

import data.cspm.checks.azure.sql.open_firewall
import data.cspm.test.azure as fx

server(overrides) := fx.input_of("azurerm_mssql_server", fx.mssql_server, overrides)

test_pass_office_range if {
	count(open_firewall.deny) == 0 with input as server({})
}

test_fail_whole_internet if {
	some d in open_firewall.deny with input as server({"firewall_rules": [{"name": "any", "start_ip_address": "0.0.0.0", "end_ip_address": "255.255.255.255"}]})
	contains(d.message, "any")
}

test_fail_allow_azure_services if {
	count(open_firewall.deny) == 1 with input as server({"firewall_rules": [{"name": "AllowAllWindowsAzureIps", "start_ip_address": "0.0.0.0", "end_ip_address": "0.0.0.0"}]})
}

test_fail_open_ended_range if {
	count(open_firewall.deny) == 1 with input as server({"firewall_rules": [{"name": "wide", "start_ip_address": "1.0.0.0", "end_ip_address": "255.255.255.255"}]})
}
