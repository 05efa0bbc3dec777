package cspm.checks.azure.compute.disk_network_access_test

import data.cspm.checks.azure.compute.disk_network_access
import data.cspm.test.azure as fx

disk(policy, public) := fx.input_of(
	"azurerm_managed_disk", {
		"disk_state": "Attached",
		"managed_by": "vm",
		"encryption_type": "EncryptionAtRestWithPlatformKey",
		"disk_encryption_set_id": null,
		"network_access_policy": policy,
		"public_network_access": public,
	},
	{},
)

test_pass_deny_all if {
	count(disk_network_access.deny) == 0 with input as disk("DenyAll", "Enabled")
}

test_pass_public_access_disabled if {
	count(disk_network_access.deny) == 0 with input as disk("AllowAll", "Disabled")
}

test_fail_allow_all if {
	some d in disk_network_access.deny with input as disk("AllowAll", "Enabled")
	d.resource == "r1"
}
