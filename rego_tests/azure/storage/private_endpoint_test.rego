package cspm.checks.azure.storage.private_endpoint_test

import data.cspm.checks.azure.storage.private_endpoint
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_approved_endpoint if {
	count(private_endpoint.deny) == 0 with input as account({})
}

test_fail_no_endpoint if {
	some d in private_endpoint.deny with input as account({"private_endpoint_connections": []})
	d.resource == "r1"
}

test_fail_pending_endpoint if {
	count(private_endpoint.deny) == 1 with input as account({"private_endpoint_connections": [{"id": "pe", "status": "Pending"}]})
}
