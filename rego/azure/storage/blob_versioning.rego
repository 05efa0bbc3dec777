# METADATA
# title: Blob versioning is enabled
# description: >-
#   Versioning keeps every previous version of a blob, so overwritten or corrupted
#   data (ransomware included) can be restored. Applies to account kinds with a blob
#   service.
# custom:
#   id: AZURE-STORAGE-013
#   severity: LOW
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Enable versioning for blobs (az storage account blob-service-properties update
#     --enable-versioning true).
#   compliance:
#     CIS_Azure_v4.0: ["10.2.2"]
#     SOC2: ["A1.2"]
#     NIST_800_53_r5: ["AU-9(2)", "CP-1(2)", "CP-2(5)", "CP-6(a)", "CP-6(1)", "CP-6(2)", "CP-9(a)",
#       "CP-9(b)", "CP-9(c)", "CP-10", "CP-10(2)", "PM-11(b)", "PM-17(b)", "SC-5(2)", "SC-16(1)",
#       "SI-1(a)(2)", "SI-13(5)"]
#     ISO_27001_2022: ["A.8.13"]
package cspm.checks.azure.storage.blob_versioning

import data.cspm.lib.azure.storage

applies contains id if {
	some id, account in input.resources.azurerm_storage_account
	storage.has_blob_service(account.config.kind)
}

deny contains {"resource": id, "message": "blob versioning is disabled"} if {
	some id, account in input.resources.azurerm_storage_account
	not account.config.blob_properties.versioning_enabled
}
