# METADATA
# title: Storage accounts disallow shared key authorization
# description: >-
#   Account keys grant full access to everything in the account and leave no identity
#   in the logs; with shared key access off, every request is authorized through
#   Microsoft Entra ID.
# custom:
#   id: AZURE-STORAGE-004
#   severity: MEDIUM
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Set 'Allow storage account key access' to Disabled (az storage account update
#     --allow-shared-key-access false) after moving clients to Entra ID.
#   compliance:
#     CIS_Azure_v4.0: ["10.3.1.3"]
#     PCI_DSS_v4.0: ["8.2.2"]
#     SOC2: ["CC6.1"]
package cspm.checks.azure.storage.shared_key_access

deny contains {"resource": id, "message": "shared key (account key) authorization is allowed"} if {
	some id, account in input.resources.azurerm_storage_account
	account.config.allow_shared_key_access
}
