# METADATA
# title: Key vault firewalls deny access by default
# description: >-
#   A vault that is reachable from public networks should admit only listed networks;
#   with the default action Allow (or no network rules at all) every network reaches
#   it. Vaults with public network access disabled pass.
# custom:
#   id: AZURE-KEYVAULT-011
#   severity: MEDIUM
#   resource_type: azurerm_key_vault
#   remediation: >-
#     Set the vault's network default action to Deny (az keyvault update --default-
#     action Deny) and allow the networks that need it, or disable public network
#     access.
#   compliance:
#     CIS_Azure_v4.0: ["2.2.1.2"]
#     PCI_DSS_v4.0: ["1.3.1"]
#     SOC2: ["CC6.6"]
package cspm.checks.azure.keyvault.network_default_deny

deny contains {"resource": id, "message": "the vault is reachable from public networks without a deny-by-default firewall"} if {
	some id, vault in input.resources.azurerm_key_vault
	vault.config.public_network_access != "Disabled"
	not denies_by_default(vault.config.network_acls)
}

denies_by_default(acls) if acls.default_action == "Deny"
