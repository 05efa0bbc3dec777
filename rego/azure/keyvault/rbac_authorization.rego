# METADATA
# title: Key vaults use Azure RBAC for data-plane access
# description: >-
#   Vault access policies grant broad per-vault permissions outside Azure RBAC, so
#   they escape Privileged Identity Management, deny assignments and the usual access
#   reviews.
# custom:
#   id: AZURE-KEYVAULT-006
#   severity: MEDIUM
#   resource_type: azurerm_key_vault
#   remediation: >-
#     Switch the vault's permission model to Azure role-based access control (az
#     keyvault update --enable-rbac-authorization true) after granting the equivalent
#     roles.
#   compliance:
#     CIS_Azure_v4.0: ["9.3.6"]
#     PCI_DSS_v4.0: ["3.5.1.1", "3.5.1.3", "3.6.1", "3.6.1.2", "3.6.1.3", "3.6.1.4", "3.7.1",
#       "3.7.2", "3.7.4", "3.7.6", "3.7.7", "4.2.1.1", "7.2.1", "7.2.2", "7.2.3", "7.2.5", "7.3.1",
#       "7.3.2", "7.3.3", "8.2.7", "8.2.8", "8.3.4"]
#     SOC2: ["CC6.1"]
package cspm.checks.azure.keyvault.rbac_authorization

deny contains {"resource": id, "message": "the vault uses access policies instead of Azure RBAC"} if {
	some id, vault in input.resources.azurerm_key_vault
	not vault.config.enable_rbac_authorization
}
