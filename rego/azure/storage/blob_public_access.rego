# METADATA
# title: Storage accounts disallow anonymous blob access
# description: >-
#   When 'Allow Blob anonymous access' is on, any container can be made readable by
#   anyone on the internet without credentials.
# custom:
#   id: AZURE-STORAGE-003
#   severity: HIGH
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Set 'Allow Blob anonymous access' to Disabled (az storage account update
#     --allow-blob-public-access false).
#   compliance:
#     CIS_Azure_v4.0: ["10.3.9"]
#     PCI_DSS_v4.0: ["1.4.4"]
#     SOC2: ["CC6.1"]
package cspm.checks.azure.storage.blob_public_access

deny contains {"resource": id, "message": "anonymous (public) blob access is allowed"} if {
	some id, account in input.resources.azurerm_storage_account
	account.config.allow_blob_public_access
}
