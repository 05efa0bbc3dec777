# METADATA
# title: Network helpers
# description: CIDR and port helpers shared by the network checks of every provider.
package cspm.lib.net

# Addresses that mean "anyone on the internet".
world_ipv4 := "0.0.0.0/0"

world_ipv6 := "::/0"

is_world(cidr) if cidr == world_ipv4

is_world(cidr) if cidr == world_ipv6

# Ports used to administer servers remotely: SSH and RDP (CIS AWS 5.2-5.4).
admin_ports := {22, 3389}

# Ports of CIFS/SMB file sharing: SMB over NetBIOS and direct SMB (CIS AWS 5.1.2).
cifs_ports := {139, 445}

# port_in_range holds when port lies in [from, to]; both bounds must be numbers.
port_in_range(port, from, to) if {
	is_number(from)
	is_number(to)
	from <= port
	port <= to
}

# exposes_admin_port holds when a rule's port range includes an admin port.
exposes_admin_port(from, to) if {
	some port in admin_ports
	port_in_range(port, from, to)
}
