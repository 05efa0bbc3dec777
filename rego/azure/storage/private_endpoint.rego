# METADATA
# title: Storage accounts are reached through private endpoints
# description: >-
#   A private endpoint gives the account an address inside a virtual network, so
#   traffic to it stays on the Microsoft backbone instead of crossing the internet.
# custom:
#   id: AZURE-STORAGE-010
#   severity: LOW
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Create a private endpoint for the account's services (blob, file, ...) in the
#     virtual networks that use it, and approve the connection.
#   compliance:
#     CIS_Azure_v4.0: ["10.3.2.1", "2.2.2.1"]
#     PCI_DSS_v4.0: ["1.3.1"]
#     SOC2: ["CC3.3", "CC6.6"]
#     ISO_27001_2022: ["A.8.14"]
package cspm.checks.azure.storage.private_endpoint

import data.cspm.lib.azure.network

deny contains {"resource": id, "message": "no approved private endpoint connection"} if {
	some id, account in input.resources.azurerm_storage_account
	not network.approved_private_endpoint(account.config.private_endpoint_connections)
}
