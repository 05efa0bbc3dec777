package cspm.checks.azure.network.rdp_from_internet_test

import data.cspm.checks.azure.network.rdp_from_internet
import data.cspm.test.azure as fx

nsg(rules) := fx.input_of("azurerm_network_security_group", fx.network_security_group, {"security_rules": rules})

test_pass_private_sources if {
	count(rdp_from_internet.deny) == 0 with input as nsg([fx.nsg_rule({})])
}

test_pass_deny_rule if {
	count(rdp_from_internet.deny) == 0 with input as nsg([fx.nsg_rule({"source_address_prefixes": ["*"], "access": "Deny", "destination_port_ranges": ["3389"]})])
}

test_pass_outbound_rule if {
	count(rdp_from_internet.deny) == 0 with input as nsg([fx.nsg_rule({"source_address_prefixes": ["*"], "direction": "Outbound", "destination_port_ranges": ["3389"]})])
}

test_pass_udp_only if {
	count(rdp_from_internet.deny) == 0 with input as nsg([fx.nsg_rule({"source_address_prefixes": ["*"], "protocol": "Udp", "destination_port_ranges": ["3389"]})])
}

test_pass_other_port if {
	count(rdp_from_internet.deny) == 0 with input as nsg([fx.nsg_rule({"source_address_prefixes": ["*"], "destination_port_ranges": ["8443", "1-1000"]})])
}

test_fail_rdp_from_anywhere if {
	some d in rdp_from_internet.deny with input as nsg([fx.nsg_rule({"source_address_prefixes": ["*"], "destination_port_ranges": ["3389"]})])
	d.resource == "r1"
}

test_fail_port_range_includes_rdp if {
	some d in rdp_from_internet.deny with input as nsg([fx.nsg_rule({"source_address_prefixes": ["Internet"], "destination_port_ranges": ["3000-4000"]})])
	d.resource == "r1"
}

test_fail_any_protocol_any_port if {
	some d in rdp_from_internet.deny with input as nsg([fx.nsg_rule({"protocol": "*", "source_address_prefixes": ["0.0.0.0/0"], "destination_port_ranges": ["*"]})])
	d.resource == "r1"
}
