# METADATA
# title: Azure network helpers
# description: >-
#   Reading network security group rules: which sources mean "the internet" and
#   whether a rule's destination port ranges ("22", "1000-2000", "*") include a port.
package cspm.lib.azure.network

# Source prefixes that admit anyone: the wildcard, the whole address space, and
# the service tags Azure uses for the internet.
internet_sources := {"*", "0.0.0.0", "0.0.0.0/0", "::/0", "/0", "<nw>/0", "internet", "any"}

# inbound_from_internet holds for an Allow rule on inbound traffic from the internet.
inbound_from_internet(rule) if {
	rule.direction == "Inbound"
	rule.access == "Allow"
	some prefix in rule.source_address_prefixes
	lower(prefix) in internet_sources
}

# carries(rule, protocol) holds when the rule applies to `protocol` ("tcp" or "udp").
carries(rule, protocol) if lower(rule.protocol) == protocol

carries(rule, _) if rule.protocol == "*"

# opens_port holds when one of the rule's destination port ranges includes `port`.
opens_port(rule, port) if {
	some range in rule.destination_port_ranges
	range_includes(range, port)
}

range_includes("*", _)

range_includes(range, port) if {
	not contains(range, "-")
	range != "*"
	to_number(range) == port
}

range_includes(range, port) if {
	bounds := split(range, "-")
	count(bounds) == 2
	to_number(bounds[0]) <= port
	port <= to_number(bounds[1])
}

# exposes(rule, protocol, port) holds when the rule lets the internet reach `port`.
exposes(rule, protocol, port) if {
	inbound_from_internet(rule)
	carries(rule, protocol)
	opens_port(rule, port)
}

# approved_private_endpoint holds when a private endpoint connection is approved.
approved_private_endpoint(connections) if {
	some connection in connections
	connection.status == "Approved"
}
