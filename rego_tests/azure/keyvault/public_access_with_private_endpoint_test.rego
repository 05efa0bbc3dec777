package cspm.checks.azure.keyvault.public_access_with_private_endpoint_test

import data.cspm.checks.azure.keyvault.public_access_with_private_endpoint
import data.cspm.test.azure as fx

vault(overrides) := fx.input_of("azurerm_key_vault", fx.key_vault, overrides)

test_pass_public_access_disabled if {
	count(public_access_with_private_endpoint.deny) == 0 with input as vault({})
}

test_pass_no_endpoint_not_applicable if {
	not "r1" in public_access_with_private_endpoint.applies with input as vault({"private_endpoint_connections": []})
}

test_fail_public_access_enabled if {
	some d in public_access_with_private_endpoint.deny with input as vault({"public_network_access": "Enabled"})
	d.resource == "r1"
	"r1" in public_access_with_private_endpoint.applies with input as vault({})
}
