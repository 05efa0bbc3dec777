# METADATA
# title: Soft delete is enabled for containers and blobs
# description: >-
#   Container soft delete restores a whole deleted container, blob soft delete
#   restores single blobs; together they cover both ways data is removed. Applies to
#   account kinds with a blob service.
# custom:
#   id: AZURE-STORAGE-012
#   severity: MEDIUM
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Enable soft delete for containers and for blobs in the blob service's data
#     protection settings (az storage account blob-service-properties update --enable-
#     container-delete-retention true --enable-delete-retention true).
#   compliance:
#     CIS_Azure_v4.0: ["10.3.6"]
#     PCI_DSS_v4.0: ["3.5.1.3", "8.4.1", "8.4.2", "8.4.3", "10.3.2", "A1.1.2", "A3.4.1"]
#     SOC2: ["CC7.4", "A1.2", "C1.1", "C1.2", "PI1.5"]
#     ISO_27001_2022: ["A.8.10"]
package cspm.checks.azure.storage.container_soft_delete

import data.cspm.lib.azure.storage

applies contains id if {
	some id, account in input.resources.azurerm_storage_account
	storage.has_blob_service(account.config.kind)
}

deny contains {"resource": id, "message": "soft delete for containers is disabled"} if {
	some id, account in input.resources.azurerm_storage_account
	not account.config.blob_properties.container_delete_retention.enabled
}

deny contains {"resource": id, "message": "soft delete for blobs is disabled"} if {
	some id, account in input.resources.azurerm_storage_account
	not account.config.blob_properties.delete_retention.enabled
}
