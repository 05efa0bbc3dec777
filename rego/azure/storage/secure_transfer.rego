# METADATA
# title: Storage accounts require secure transfer (HTTPS)
# description: >-
#   With 'Secure transfer required' off, the account accepts REST requests over plain
#   HTTP and SMB without encryption, so data and shared keys can cross the network in
#   clear text.
# custom:
#   id: AZURE-STORAGE-001
#   severity: HIGH
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Set 'Secure transfer required' to Enabled (az storage account update --https-
#     only true).
#   compliance:
#     CIS_Azure_v4.0: ["10.3.4"]
#     PCI_DSS_v4.0: ["4.2.1"]
#     SOC2: ["CC6.7"]
package cspm.checks.azure.storage.secure_transfer

deny contains {"resource": id, "message": "secure transfer is not required: the account accepts plain HTTP"} if {
	some id, account in input.resources.azurerm_storage_account
	not account.config.https_traffic_only
}
