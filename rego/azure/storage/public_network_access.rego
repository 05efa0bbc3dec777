# METADATA
# title: Storage accounts disable public network access
# description: >-
#   An account reachable from public networks depends on its firewall rules alone;
#   with public network access disabled it is reachable only through private
#   endpoints.
# custom:
#   id: AZURE-STORAGE-007
#   severity: MEDIUM
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Set 'Public network access' to Disabled (az storage account update --public-
#     network-access Disabled) and reach the account through private endpoints.
#   compliance:
#     CIS_Azure_v4.0: ["10.3.2.2", "2.2.1.1"]
#     PCI_DSS_v4.0: ["1.3.1"]
#     SOC2: ["CC6.6"]
package cspm.checks.azure.storage.public_network_access

deny contains {"resource": id, "message": "public network access is enabled"} if {
	some id, account in input.resources.azurerm_storage_account
	account.config.public_network_access == "Enabled"
}
