# METADATA
# title: VPC firewall rule helpers
# description: >-
#   Whether an enabled ingress rule admits traffic from anywhere to a TCP port. A rule's
#   ports are strings ("22", "20-25"); no ports means every port; protocol "all" (or
#   the number 6) covers TCP.
package cspm.lib.gcp.firewall

import data.cspm.lib.net

tcp_protocols := {"tcp", "all", "6"}

# from_anywhere holds when one of the source ranges is 0.0.0.0/0 or ::/0.
from_anywhere(source_ranges) if {
	some cidr in source_ranges
	net.is_world(cidr)
}

# allows_tcp_port holds when an allowed entry covers TCP port `port`.
allows_tcp_port(allowed, port) if {
	some entry in allowed
	entry.protocol in tcp_protocols
	ports_cover(entry.ports, port)
}

ports_cover(ports, _) if count(ports) == 0

ports_cover(ports, port) if {
	some p in ports
	not contains(p, "-")
	to_number(p) == port
}

ports_cover(ports, port) if {
	some p in ports
	bounds := split(p, "-")
	count(bounds) == 2
	net.port_in_range(port, to_number(bounds[0]), to_number(bounds[1]))
}
