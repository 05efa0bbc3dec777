package cspm.lib.aws.ec2_test

import data.cspm.lib.aws.ec2

test_reaches_port if {
	ec2.reaches_port("-1", null, null, 22)
	ec2.reaches_port("tcp", 0, 65535, 22)
	ec2.reaches_port("TCP", 22, 22, 22)
	ec2.reaches_port("17", 3389, 3389, 3389)
	not ec2.reaches_port("tcp", 23, 1024, 22)
	not ec2.reaches_port("icmp", -1, -1, 22)
	not ec2.reaches_port("50", null, null, 22)
}

test_protocol_name if {
	ec2.protocol_name("-1") == "all traffic"
	ec2.protocol_name("6") == "tcp"
	ec2.protocol_name("17") == "udp"
	ec2.protocol_name("TCP") == "tcp"
}
