package cspm.checks.azure.storage.cross_tenant_replication_test

import data.cspm.checks.azure.storage.cross_tenant_replication
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_compliant_account if {
	count(cross_tenant_replication.deny) == 0 with input as account({})
}

test_fail_cross_tenant_allowed if {
	some d in cross_tenant_replication.deny with input as account({"allow_cross_tenant_replication": true})
	d.resource == "r1"
}
