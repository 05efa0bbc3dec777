package cspm.checks.azure.sql.auditing_test

import data.cspm.checks.azure.sql.auditing
import data.cspm.test.azure as fx

server(overrides) := fx.input_of("azurerm_mssql_server", fx.mssql_server, overrides)

test_pass_auditing_on if {
	count(auditing.deny) == 0 with input as server({})
}

test_fail_auditing_off if {
	some d in auditing.deny with input as server({"auditing": {"state": "Disabled"}})
	d.resource == "r1"
}
