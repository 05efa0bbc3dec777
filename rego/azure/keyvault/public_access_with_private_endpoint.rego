# METADATA
# title: Key vaults with private endpoints disable public network access
# description: >-
#   Once a vault is reachable through a private endpoint, leaving public network
#   access on keeps a second, internet-facing way in. Applies to vaults with an
#   approved private endpoint.
# custom:
#   id: AZURE-KEYVAULT-007
#   severity: MEDIUM
#   resource_type: azurerm_key_vault
#   remediation: >-
#     Set the vault's public network access to Disabled (az keyvault update --public-
#     network-access Disabled).
#   compliance:
#     CIS_Azure_v4.0: ["9.3.7"]
#     PCI_DSS_v4.0: ["1.3.1"]
#     SOC2: ["CC6.6"]
package cspm.checks.azure.keyvault.public_access_with_private_endpoint

import data.cspm.lib.azure.network

applies contains id if {
	some id, vault in input.resources.azurerm_key_vault
	network.approved_private_endpoint(vault.config.private_endpoint_connections)
}

deny contains {"resource": id, "message": "public network access is enabled although a private endpoint exists"} if {
	some id, vault in input.resources.azurerm_key_vault
	vault.config.public_network_access != "Disabled"
}
