package cspm.checks.azure.sql.database_tde_test

import data.cspm.checks.azure.sql.database_tde
import data.cspm.test.azure as fx

database(state) := fx.input_of("azurerm_mssql_database", {"server_id": "srv", "sku_name": "S0", "tde_state": state}, {})

test_pass_tde_on if {
	count(database_tde.deny) == 0 with input as database("Enabled")
}

test_fail_tde_off if {
	some d in database_tde.deny with input as database("Disabled")
	d.resource == "r1"
}
