# METADATA
# title: Virtual machines use managed disks
# description: >-
#   Unmanaged disks are VHD blobs in storage accounts, reachable with the account's
#   keys and outside the disk-level encryption, RBAC and network access policies of
#   managed disks.
# custom:
#   id: AZURE-COMPUTE-001
#   severity: MEDIUM
#   resource_type: azurerm_virtual_machine
#   remediation: >-
#     Convert the virtual machine's disks to managed disks (az vm convert).
#   compliance:
#     PCI_DSS_v4.0: ["3.5.1"]
#     SOC2: ["CC6.1"]
package cspm.checks.azure.compute.managed_disks

deny contains {"resource": id, "message": "the OS disk is an unmanaged VHD"} if {
	some id, vm in input.resources.azurerm_virtual_machine
	not vm.config.os_disk_managed
}

deny contains {"resource": id, "message": sprintf("%d data disks are unmanaged VHDs", [vm.config.unmanaged_data_disks])} if {
	some id, vm in input.resources.azurerm_virtual_machine
	vm.config.unmanaged_data_disks > 0
}
