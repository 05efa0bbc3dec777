# METADATA
# title: Storage accounts refuse TLS versions below 1.2
# description: >-
#   TLS 1.0 and 1.1 have known weaknesses; an account that accepts them lets old
#   clients negotiate a weak channel.
# custom:
#   id: AZURE-STORAGE-002
#   severity: MEDIUM
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Set the account's minimum TLS version to 1.2 (az storage account update --min-
#     tls-version TLS1_2).
#   compliance:
#     CIS_Azure_v4.0: ["10.3.7"]
#     PCI_DSS_v4.0: ["4.2.1"]
#     SOC2: ["CC6.6", "CC6.7"]
package cspm.checks.azure.storage.min_tls

deny contains {"resource": id, "message": "minimum TLS version is below 1.2"} if {
	some id, account in input.resources.azurerm_storage_account
	not account.config.min_tls_version in {"TLS1_2", "TLS1_3"}
}
