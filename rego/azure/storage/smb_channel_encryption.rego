# METADATA
# title: File shares encrypt SMB channels with AES-256-GCM
# description: >-
#   SMB channel encryption below AES-256-GCM (AES-128-CCM, AES-128-GCM) is weaker than
#   current guidance; leaving it unset accepts every algorithm. Applies to account
#   kinds with a file service.
# custom:
#   id: AZURE-STORAGE-016
#   severity: MEDIUM
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Set the file service's SMB channel encryption to AES-256-GCM only (az storage
#     account file-service-properties update --channel-encryption AES-256-GCM).
#   compliance:
#     CIS_Azure_v4.0: ["10.1.3"]
#     PCI_DSS_v4.0: ["4.2.1"]
#     SOC2: ["CC6.7"]
package cspm.checks.azure.storage.smb_channel_encryption

import data.cspm.lib.azure.storage

applies contains id if {
	some id, account in input.resources.azurerm_storage_account
	storage.has_file_service(account.config.kind)
}

deny contains {"resource": id, "message": "SMB channel encryption is unset, so every algorithm is accepted"} if {
	some id, account in input.resources.azurerm_storage_account
	not is_array(account.config.file_properties.smb_channel_encryption)
}

deny contains {"resource": id, "message": sprintf("SMB channel encryption %s is accepted", [algorithm])} if {
	some id, account in input.resources.azurerm_storage_account
	some algorithm in account.config.file_properties.smb_channel_encryption
	algorithm != "AES-256-GCM"
}
