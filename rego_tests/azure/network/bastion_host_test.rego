package cspm.checks.azure.network.bastion_host_test

import data.cspm.checks.azure.network.bastion_host
import data.cspm.test.azure as fx

test_pass_bastion if {
	count(bastion_host.deny) == 0 with input as fx.with_subscription({}, {"azurerm_bastion_host": {"b": fx.resource("azurerm_bastion_host", "b", {"provisioning_state": "Succeeded", "sku_name": "Standard"})}})
}

test_fail_no_bastion if {
	some d in bastion_host.deny with input as fx.with_subscription({}, {})
	d.resource == fx.subscription_id
}
