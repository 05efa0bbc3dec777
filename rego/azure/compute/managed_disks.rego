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
#     PCI_DSS_v4.0: ["3.2.1", "3.3.1.1", "3.3.1.3", "3.3.2", "3.3.3", "3.5.1", "8.3.2", "10.5.1"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AU-9(3)", "CM-6(a)", "CM-9(b)", "CP-9(d)", "SC-8(3)", "SC-8(4)", "SC-13(a)",
#       "SC-28(1)", "SI-19(4)"]
#     ISO_27001_2022: ["A.8.14"]
#     GDPR: ["Article 32"]
package cspm.checks.azure.compute.managed_disks

deny contains {"resource": id, "message": "the OS disk is an unmanaged VHD"} if {
	some id, vm in input.resources.azurerm_virtual_machine
	not vm.config.os_disk_managed
}

deny contains {"resource": id, "message": sprintf("%d data disks are unmanaged VHDs", [vm.config.unmanaged_data_disks])} if {
	some id, vm in input.resources.azurerm_virtual_machine
	vm.config.unmanaged_data_disks > 0
}
