package cspm.checks.azure.network.ssh_from_internet_test

import data.cspm.checks.azure.network.ssh_from_internet
import data.cspm.test.azure as fx

nsg(rules) := fx.input_of("azurerm_network_security_group", fx.network_security_group, {"security_rules": rules})

test_pass_private_sources if {
	count(ssh_from_internet.deny) == 0 with input as nsg([fx.nsg_rule({})])
}

test_pass_ssh_from_vnet if {
	count(ssh_from_internet.deny) == 0 with input as nsg([fx.nsg_rule({"source_address_prefixes": ["VirtualNetwork"], "destination_port_ranges": ["22"]})])
}

test_fail_ssh_from_anywhere if {
	some d in ssh_from_internet.deny with input as nsg([fx.nsg_rule({"source_address_prefixes": ["*"], "destination_port_ranges": ["22"]})])
	d.resource == "r1"
}

test_fail_range_includes_ssh if {
	some d in ssh_from_internet.deny with input as nsg([fx.nsg_rule({"source_address_prefixes": ["any"], "destination_port_ranges": ["20-25"]})])
	d.resource == "r1"
}
