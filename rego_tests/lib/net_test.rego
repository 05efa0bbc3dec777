package cspm.lib.net_test

import data.cspm.lib.net

test_is_world if {
	net.is_world("0.0.0.0/0")
	net.is_world("::/0")
	not net.is_world("10.0.0.0/8")
}

test_port_in_range if {
	net.port_in_range(22, 0, 1024)
	net.port_in_range(22, 22, 22)
	not net.port_in_range(22, 23, 1024)
	not net.port_in_range(22, null, null)
}

test_exposes_admin_port if {
	net.exposes_admin_port(3000, 4000)
	not net.exposes_admin_port(80, 443)
}
