# METADATA
# title: Key vaults are reached through private endpoints
# description: >-
#   A private endpoint keeps traffic to the vault inside virtual networks and the
#   Microsoft backbone instead of the vault's public endpoint.
# custom:
#   id: AZURE-KEYVAULT-008
#   severity: LOW
#   resource_type: azurerm_key_vault
#   remediation: >-
#     Create a private endpoint for the vault in the virtual networks that use it and
#     approve the connection.
#   compliance:
#     CIS_Azure_v4.0: ["9.3.8", "2.2.2.1"]
#     PCI_DSS_v4.0: ["1.2.8", "1.3.1", "1.3.2", "1.4.2", "1.5.1", "A1.1.3"]
#     SOC2: ["CC3.3", "CC6.6"]
package cspm.checks.azure.keyvault.private_endpoint

import data.cspm.lib.azure.network

deny contains {"resource": id, "message": "no approved private endpoint connection"} if {
	some id, vault in input.resources.azurerm_key_vault
	not network.approved_private_endpoint(vault.config.private_endpoint_connections)
}
