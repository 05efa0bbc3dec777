# METADATA
# title: Blob soft delete is enabled
# description: >-
#   Soft delete keeps deleted and overwritten blobs for a retention period, so an
#   accidental or malicious deletion can be undone. Applies to account kinds with a
#   blob service.
# custom:
#   id: AZURE-STORAGE-011
#   severity: MEDIUM
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Enable soft delete for blobs in the blob service's data protection settings (az
#     storage account blob-service-properties update --enable-delete-retention true
#     --delete-retention-days 7 or more).
#   compliance:
#     CIS_Azure_v4.0: ["10.2.1"]
#     SOC2: ["A1.2"]
package cspm.checks.azure.storage.blob_soft_delete

import data.cspm.lib.azure.storage

applies contains id if {
	some id, account in input.resources.azurerm_storage_account
	storage.has_blob_service(account.config.kind)
}

deny contains {"resource": id, "message": "soft delete for blobs is disabled"} if {
	some id, account in input.resources.azurerm_storage_account
	not account.config.blob_properties.delete_retention.enabled
}
