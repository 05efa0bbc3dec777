# METADATA
# title: AWS EC2 network-rule helpers
# description: >-
#   Reads normalized security group rules and network ACL entries: the protocol is a
#   name ("tcp", "udp") or an IANA number as a string ("6", "17"), "-1" means all
#   traffic, and ports are null when the protocol has none.
package cspm.lib.aws.ec2

import data.cspm.lib.net

# Protocols whose rules carry a port range.
port_protocols := {"tcp", "udp", "6", "17"}

# reaches_port holds when a rule with this protocol and port range admits traffic to
# `port`: every rule of protocol "-1", and tcp or udp rules whose range includes it.
reaches_port(protocol, _, _, _) if protocol == "-1"

reaches_port(protocol, from, to, port) if {
	lower(protocol) in port_protocols
	net.port_in_range(port, from, to)
}

# protocol_name renders a protocol for messages.
protocol_name(protocol) := "all traffic" if protocol == "-1"

protocol_name(protocol) := "tcp" if protocol == "6"

protocol_name(protocol) := "udp" if protocol == "17"

protocol_name(protocol) := lower(protocol) if not protocol in {"-1", "6", "17"}
