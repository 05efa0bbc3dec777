package cspm.paths.azure.app_to_public_sql_test

import data.cspm.fixtures.paths as f
import data.cspm.paths.azure.app_to_public_sql

sub := "00000000-0000-0000-0000-000000000001"

app := f.key("azure", sub, "azurerm_app_service", "app")

sql := f.key("azure", sub, "azurerm_mssql_server", "sql")

estate(app_level, sql_level, edges) := f.graph(
	{
		app: f.node("azure", sub, "azurerm_app_service", "app", "compute", {"exposure": f.exposure(app_level, [], [])}),
		sql: f.node("azure", sub, "azurerm_mssql_server", "sql", "data", {"exposure": f.exposure(sql_level, [], [])}),
	},
	edges,
)

connects := {app: [f.edge(sql, "network", "the firewall admits every Azure service")]}

test_path_app_to_public_sql if {
	found := app_to_public_sql.paths with input as estate("internet", "internet", connects)
	count(found) == 1
	some path in found
	path.entry == "internet"
	path.steps == [{"resource": app, "why": "App Service with a public endpoint"}]
	path.target == {"resource": sql, "why": "public endpoint; the firewall admits every Azure service"}
}

test_no_path_when_sql_is_private if {
	every level in ["none", "network", "unknown"] {
		count(app_to_public_sql.paths) == 0 with input as estate("internet", level, connects)
	}
}

test_no_path_when_app_not_exposed if {
	every level in ["none", "network"] {
		count(app_to_public_sql.paths) == 0 with input as estate(level, "internet", connects)
	}
}

test_no_path_without_network_edge if {
	count(app_to_public_sql.paths) == 0 with input as estate("internet", "internet", {app: []})
	identity := {app: [f.edge(sql, "identity", "not a connection")]}
	count(app_to_public_sql.paths) == 0 with input as estate("internet", "internet", identity)
}

test_path_when_app_exposure_unknown if {
	count(app_to_public_sql.paths) == 1 with input as estate("unknown", "internet", connects)
}
