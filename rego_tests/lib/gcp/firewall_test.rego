package cspm.lib.gcp.firewall_test

import data.cspm.lib.gcp.firewall

test_ports if {
	firewall.ports_cover([], 22)
	firewall.ports_cover(["22"], 22)
	firewall.ports_cover(["20-30"], 22)
	not firewall.ports_cover(["23-30", "80"], 22)
}

test_protocols if {
	firewall.allows_tcp_port([{"protocol": "6", "ports": ["3389"]}], 3389)
	firewall.allows_tcp_port([{"protocol": "all", "ports": []}], 3389)
	not firewall.allows_tcp_port([{"protocol": "udp", "ports": ["3389"]}], 3389)
}

test_from_anywhere if {
	firewall.from_anywhere(["10.0.0.0/8", "0.0.0.0/0"])
	firewall.from_anywhere(["::/0"])
	not firewall.from_anywhere(["10.0.0.0/8"])
}
