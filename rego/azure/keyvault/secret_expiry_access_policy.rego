# METADATA
# title: Every secret in access policy key vaults has an expiration date
# description: >-
#   A secret without an expiration date stays valid for ever, so a leaked or forgotten
#   secret is never forced out of use. Applies to vaults that use the access policy
#   permission model; only metadata is read, never a secret's value.
# custom:
#   id: AZURE-KEYVAULT-004
#   severity: MEDIUM
#   resource_type: azurerm_key_vault
#   remediation: >-
#     Set an expiration date on every enabled secret (az keyvault secret set-
#     attributes --expires ...) and rotate it before then.
#   compliance:
#     CIS_Azure_v4.0: ["9.3.4"]
#     SOC2: ["CC6.1"]
package cspm.checks.azure.keyvault.secret_expiry_access_policy

import data.cspm.lib.azure.keyvault

applies contains id if {
	some id, vault in input.resources.azurerm_key_vault
	not vault.config.enable_rbac_authorization
}

deny contains {"resource": id, "message": sprintf("secrets without an expiration date: %s", [concat(", ", sort(names))])} if {
	some id, vault in input.resources.azurerm_key_vault
	names := keyvault.without_expiry(vault.config.secrets)
	count(names) > 0
}
