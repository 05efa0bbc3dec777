# METADATA
# title: Managed disks cannot be exported from any network
# description: >-
#   A disk whose network access policy is AllowAll can be exported (downloaded through
#   a SAS URI) from anywhere; AllowPrivate limits export to a disk access private
#   endpoint, DenyAll forbids it.
# custom:
#   id: AZURE-COMPUTE-002
#   severity: MEDIUM
#   resource_type: azurerm_managed_disk
#   remediation: >-
#     Set the disk's network access policy to AllowPrivate or DenyAll and public
#     network access to Disabled (az disk update --network-access-policy DenyAll
#     --public-network-access Disabled).
#   compliance:
#     PCI_DSS_v4.0: ["1.3.1"]
#     SOC2: ["CC6.6"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(7)", "AC-4(21)", "AC-6", "AC-17(b)", "AC-17(1)",
#       "AC-17(4)(a)", "AC-17(9)", "AC-17(10)", "MP-2", "SC-7(2)", "SC-7(3)", "SC-7(7)",
#       "SC-7(9)(a)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(20)", "SC-7(21)", "SC-7(24)(b)",
#       "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(b)", "SC-7(c)", "SC-25"]
package cspm.checks.azure.compute.disk_network_access

deny contains {"resource": id, "message": "the disk can be exported from any network (AllowAll)"} if {
	some id, disk in input.resources.azurerm_managed_disk
	disk.config.network_access_policy == "AllowAll"
	disk.config.public_network_access != "Disabled"
}
