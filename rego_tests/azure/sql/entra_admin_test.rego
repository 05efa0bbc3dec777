package cspm.checks.azure.sql.entra_admin_test

import data.cspm.checks.azure.sql.entra_admin
import data.cspm.test.azure as fx

server(overrides) := fx.input_of("azurerm_mssql_server", fx.mssql_server, overrides)

test_pass_admin_set if {
	count(entra_admin.deny) == 0 with input as server({})
}

test_fail_no_admin if {
	some d in entra_admin.deny with input as server({"azuread_administrator": null})
	d.resource == "r1"
}
