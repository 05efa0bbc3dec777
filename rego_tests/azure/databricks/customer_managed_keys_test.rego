package cspm.checks.azure.databricks.customer_managed_keys_test

import data.cspm.checks.azure.databricks.customer_managed_keys
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

test_pass_all_cmk if {
	count(customer_managed_keys.deny) == 0 with input as workspace({})
}

test_fail_platform_keys if {
	some d in customer_managed_keys.deny with input as workspace({"managed_services_cmk": false, "dbfs_cmk": false})
	d.message == "not encrypted with a customer managed key: DBFS root, managed services"
}
