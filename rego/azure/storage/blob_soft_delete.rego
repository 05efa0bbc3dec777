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
#     PCI_DSS_v4.0: ["3.5.1.3", "8.4.1", "8.4.2", "8.4.3", "10.3.2", "A1.1.2", "A3.4.1"]
#     SOC2: ["CC7.4", "A1.2", "C1.1", "C1.2", "PI1.5"]
#     NIST_800_53_r5: ["CP-1(2)", "CP-2(5)", "CP-6(2)", "CP-9(a)", "CP-9(b)", "CP-9(c)", "CP-10",
#       "CP-10(2)", "SC-5(2)", "SI-13(5)"]
#     ISO_27001_2022: ["A.8.10", "A.8.13"]
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
