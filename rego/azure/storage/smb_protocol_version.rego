# METADATA
# title: File shares accept only SMB 3.1.1
# description: >-
#   SMB 2.1 and 3.0 lack the AES-GCM encryption and pre-authentication integrity of
#   SMB 3.1.1; leaving the versions unset accepts all of them. Applies to account
#   kinds with a file service.
# custom:
#   id: AZURE-STORAGE-015
#   severity: MEDIUM
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Set the file service's SMB protocol versions to SMB3.1.1 only (az storage
#     account file-service-properties update --versions SMB3.1.1).
#   compliance:
#     CIS_Azure_v4.0: ["10.1.2"]
#     PCI_DSS_v4.0: ["4.2.1"]
#     SOC2: ["CC6.7"]
package cspm.checks.azure.storage.smb_protocol_version

import data.cspm.lib.azure.storage

applies contains id if {
	some id, account in input.resources.azurerm_storage_account
	storage.has_file_service(account.config.kind)
}

deny contains {"resource": id, "message": "SMB protocol versions are unset, so every version is accepted"} if {
	some id, account in input.resources.azurerm_storage_account
	not is_array(account.config.file_properties.smb_versions)
}

deny contains {"resource": id, "message": sprintf("SMB version %s is accepted", [version])} if {
	some id, account in input.resources.azurerm_storage_account
	some version in account.config.file_properties.smb_versions
	version != "SMB3.1.1"
}
