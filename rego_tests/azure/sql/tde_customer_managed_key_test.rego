package cspm.checks.azure.sql.tde_customer_managed_key_test

import data.cspm.checks.azure.sql.tde_customer_managed_key
import data.cspm.test.azure as fx

server(overrides) := fx.input_of("azurerm_mssql_server", fx.mssql_server, overrides)

test_pass_key_vault_protector if {
	count(tde_customer_managed_key.deny) == 0 with input as server({})
}

test_fail_service_managed if {
	some d in tde_customer_managed_key.deny with input as server({"encryption_protector": {"server_key_type": "ServiceManaged"}})
	d.resource == "r1"
}
