package cspm.lib.azure.network_test

import data.cspm.lib.azure.network

rule(overrides) := object.union(
	{
		"name": "r",
		"priority": 100,
		"direction": "Inbound",
		"access": "Allow",
		"protocol": "Tcp",
		"source_address_prefixes": ["Internet"],
		"destination_port_ranges": ["22"],
	},
	overrides,
)

test_port_ranges if {
	network.range_includes("*", 3389)
	network.range_includes("3389", 3389)
	network.range_includes("3000-4000", 3389)
	not network.range_includes("3390-4000", 3389)
	not network.range_includes("22", 3389)
	not network.range_includes("not-a-port", 22)
}

test_internet_sources if {
	network.inbound_from_internet(rule({}))
	network.inbound_from_internet(rule({"source_address_prefixes": ["10.0.0.0/8", "0.0.0.0/0"]}))
	not network.inbound_from_internet(rule({"source_address_prefixes": ["VirtualNetwork"]}))
	not network.inbound_from_internet(rule({"access": "Deny"}))
	not network.inbound_from_internet(rule({"direction": "Outbound"}))
}

test_exposes_checks_protocol_and_port if {
	network.exposes(rule({}), "tcp", 22)
	network.exposes(rule({"protocol": "*"}), "udp", 22)
	not network.exposes(rule({}), "udp", 22)
	not network.exposes(rule({}), "tcp", 3389)
}
