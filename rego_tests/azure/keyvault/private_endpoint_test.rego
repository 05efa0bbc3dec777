package cspm.checks.azure.keyvault.private_endpoint_test

import data.cspm.checks.azure.keyvault.private_endpoint
import data.cspm.test.azure as fx

vault(overrides) := fx.input_of("azurerm_key_vault", fx.key_vault, overrides)

test_pass_endpoint if {
	count(private_endpoint.deny) == 0 with input as vault({})
}

test_fail_no_endpoint if {
	some d in private_endpoint.deny with input as vault({"private_endpoint_connections": []})
	d.resource == "r1"
}
