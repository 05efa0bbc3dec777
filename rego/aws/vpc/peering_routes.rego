# METADATA
# title: Routes to VPC peering connections are narrow
# description: >-
#   A peering route should name only the peer subnets that need to be reached. A
#   default route (0.0.0.0/0 or ::/0) through a peering connection sends all traffic
#   without a more specific route to the peer VPC, well beyond least access.
# custom:
#   id: AWS-VPC-003
#   severity: MEDIUM
#   resource_type: aws_route_table
#   remediation: >-
#     Replace the default route through the peering connection with routes to the peer
#     subnets' CIDR blocks (`aws ec2 delete-route`, `aws ec2 create-route
#     --destination-cidr-block CIDR --vpc-peering-connection-id PCX`).
#   compliance:
#     CIS_AWS_v5.0: ["5.6"]
#     PCI_DSS_v4.0: ["1.3.1"]
#     SOC2: ["CC6.6"]
#     ISO_27001_2022: ["A.8.20", "A.8.21", "A.8.22"]
package cspm.checks.aws.vpc.peering_routes

import data.cspm.lib.net

deny contains {"resource": id, "message": msg} if {
	some id, table in input.resources.aws_route_table
	some route in table.config.routes
	route.target_type == "vpc_peering_connection"
	net.is_world(route.destination)
	msg := sprintf("route %s sends all traffic to peering connection %s", [route.destination, route.target_id])
}
