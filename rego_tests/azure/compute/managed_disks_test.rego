package cspm.checks.azure.compute.managed_disks_test

import data.cspm.checks.azure.compute.managed_disks
import data.cspm.test.azure as fx

vm(overrides) := fx.input_of(
	"azurerm_virtual_machine", {
		"vm_size": "Standard_D2s_v5",
		"os_type": "Linux",
		"os_disk_managed": true,
		"os_disk_id": "disk",
		"data_disk_ids": [],
		"unmanaged_data_disks": 0,
		"encryption_at_host": true,
		"security_type": "TrustedLaunch",
	},
	overrides,
)

test_pass_managed if {
	count(managed_disks.deny) == 0 with input as vm({})
}

test_fail_unmanaged_os_disk if {
	some d in managed_disks.deny with input as vm({"os_disk_managed": false, "os_disk_id": null})
	contains(d.message, "OS disk")
}

test_fail_unmanaged_data_disks if {
	some d in managed_disks.deny with input as vm({"unmanaged_data_disks": 2})
	contains(d.message, "2 data disks")
}
