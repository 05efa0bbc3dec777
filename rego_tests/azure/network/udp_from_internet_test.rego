package cspm.checks.azure.network.udp_from_internet_test

import data.cspm.checks.azure.network.udp_from_internet
import data.cspm.test.azure as fx

nsg(rules) := fx.input_of("azurerm_network_security_group", fx.network_security_group, {"security_rules": rules})

test_pass_private_sources if {
	count(udp_from_internet.deny) == 0 with input as nsg([fx.nsg_rule({})])
}

test_pass_tcp_only if {
	count(udp_from_internet.deny) == 0 with input as nsg([fx.nsg_rule({"source_address_prefixes": ["*"], "destination_port_ranges": ["443"]})])
}

test_fail_udp_from_anywhere if {
	some d in udp_from_internet.deny with input as nsg([fx.nsg_rule({"source_address_prefixes": ["*"], "protocol": "Udp", "destination_port_ranges": ["53"]})])
	d.resource == "r1"
}

test_fail_any_protocol if {
	some d in udp_from_internet.deny with input as nsg([fx.nsg_rule({"source_address_prefixes": ["0.0.0.0"], "protocol": "*"})])
	d.resource == "r1"
}
