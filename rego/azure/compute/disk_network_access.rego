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
package cspm.checks.azure.compute.disk_network_access

deny contains {"resource": id, "message": "the disk can be exported from any network (AllowAll)"} if {
	some id, disk in input.resources.azurerm_managed_disk
	disk.config.network_access_policy == "AllowAll"
	disk.config.public_network_access != "Disabled"
}
