# METADATA
# title: Internet to App Service to a SQL server with a public endpoint
# description: >-
#   A web app the internet reaches can connect to a SQL server whose public endpoint
#   admits it (its outbound addresses, every Azure service, or every address): a
#   compromised app is one connection from the data.
# custom:
#   id: PATH-AZ-001
#   severity: HIGH
#   provider: azure
#   remediation: >-
#     Disable public network access on the SQL server and reach it through a private
#     endpoint from the app's VNet integration; remove the 0.0.0.0 firewall rules.
package cspm.paths.azure.app_to_public_sql

import data.cspm.lib.paths as walk
import rego.v1

paths contains path if {
	some key in walk.of_type("azurerm_app_service")
	walk.maybe_exposed(key)
	some edge in input.graph.edges[key]
	edge.kind == "network"
	server := input.graph.nodes[edge.to]
	server.ref.type == "azurerm_mssql_server"
	server.exposure.level == "internet"
	path := {
		"entry": "internet",
		"steps": [{"resource": key, "why": "App Service with a public endpoint"}],
		"target": {"resource": edge.to, "why": sprintf("public endpoint; %s", [edge.why])},
	}
}
