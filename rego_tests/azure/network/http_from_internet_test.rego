package cspm.checks.azure.network.http_from_internet_test

import data.cspm.checks.azure.network.http_from_internet
import data.cspm.test.azure as fx

nsg(rules) := fx.input_of("azurerm_network_security_group", fx.network_security_group, {"security_rules": rules})

test_pass_private_sources if {
	count(http_from_internet.deny) == 0 with input as nsg([fx.nsg_rule({})])
}

test_pass_https_from_gateway_subnet if {
	count(http_from_internet.deny) == 0 with input as nsg([fx.nsg_rule({"source_address_prefixes": ["10.0.1.0/24"], "destination_port_ranges": ["443"]})])
}

test_fail_https_from_anywhere if {
	some d in http_from_internet.deny with input as nsg([fx.nsg_rule({"source_address_prefixes": ["*"], "destination_port_ranges": ["443"]})])
	d.resource == "r1"
}

test_fail_http_from_internet_tag if {
	some d in http_from_internet.deny with input as nsg([fx.nsg_rule({"source_address_prefixes": ["Internet"], "destination_port_ranges": ["80"]})])
	d.resource == "r1"
}
