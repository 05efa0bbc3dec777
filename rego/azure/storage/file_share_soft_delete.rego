# METADATA
# title: Soft delete is enabled for file shares
# description: >-
#   Share soft delete keeps a deleted Azure Files share recoverable for a retention
#   period. Applies to account kinds with a file service.
# custom:
#   id: AZURE-STORAGE-014
#   severity: MEDIUM
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Enable soft delete for file shares (az storage account file-service-properties
#     update --enable-delete-retention true --delete-retention-days 7 or more).
#   compliance:
#     CIS_Azure_v4.0: ["10.1.1"]
#     SOC2: ["A1.2"]
#     ISO_27001_2022: ["A.8.13"]
package cspm.checks.azure.storage.file_share_soft_delete

import data.cspm.lib.azure.storage

applies contains id if {
	some id, account in input.resources.azurerm_storage_account
	storage.has_file_service(account.config.kind)
}

deny contains {"resource": id, "message": "soft delete for file shares is disabled"} if {
	some id, account in input.resources.azurerm_storage_account
	not account.config.file_properties.share_delete_retention.enabled
}
