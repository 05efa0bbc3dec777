package cspm.checks.aws.vpc.peering_routes_test

import data.cspm.checks.aws.vpc.peering_routes

arn := "arn:aws:ec2:us-east-1:111122223333:route-table/rtb-1"

table(routes) := {"resources": {"aws_route_table": {arn: {"id": arn, "config": {"routes": routes}}}}}

route(destination, kind) := {"destination": destination, "target_type": kind, "target_id": "pcx-1", "state": "active"}

test_pass_narrow_peering_route if {
	count(peering_routes.deny) == 0 with input as table([route("10.1.4.0/24", "vpc_peering_connection")])
}

test_pass_default_route_to_a_nat_gateway if {
	count(peering_routes.deny) == 0 with input as table([route("0.0.0.0/0", "nat_gateway")])
}

test_fail_default_route_to_peer if {
	peering_routes.deny == {{
		"resource": arn,
		"message": "route 0.0.0.0/0 sends all traffic to peering connection pcx-1",
	}} with input as table([route("0.0.0.0/0", "vpc_peering_connection")])
}

test_fail_ipv6_default_route_to_peer if {
	some d in peering_routes.deny with input as table([route("::/0", "vpc_peering_connection")])
	d.resource == arn
}
