package cspm.checks.azure.databricks.vnet_injection_test

import data.cspm.checks.azure.databricks.vnet_injection
import data.cspm.test.azure as fx

workspace(overrides) := fx.input_of(
	"azurerm_databricks_workspace", {
		"sku_name": "premium",
		"custom_virtual_network_id": "/subscriptions/x/resourceGroups/data/providers/Microsoft.Network/virtualNetworks/dbx",
		"public_network_access": "Disabled",
		"managed_services_cmk": true,
		"managed_disk_cmk": true,
		"dbfs_cmk": true,
	},
	overrides,
)

test_pass_vnet_injected if {
	count(vnet_injection.deny) == 0 with input as workspace({})
}

test_fail_managed_network if {
	some d in vnet_injection.deny with input as workspace({"custom_virtual_network_id": null})
	d.resource == "r1"
}
