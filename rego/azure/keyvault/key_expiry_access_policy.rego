# METADATA
# title: Every key in access policy key vaults has an expiration date
# description: >-
#   A key without an expiration date stays valid for ever, so a leaked or forgotten
#   key is never forced out of use. Applies to vaults that use the access policy
#   permission model; only metadata is read, never a key's value.
# custom:
#   id: AZURE-KEYVAULT-002
#   severity: MEDIUM
#   resource_type: azurerm_key_vault
#   remediation: >-
#     Set an expiration date on every enabled key (az keyvault key set-attributes
#     --expires ...) and rotate it before then.
#   compliance:
#     CIS_Azure_v4.0: ["9.3.2"]
#     PCI_DSS_v4.0: ["3.5.1.1", "3.5.1.3", "3.6.1", "3.6.1.2", "3.6.1.3", "3.6.1.4", "3.7.1",
#       "3.7.2", "3.7.4", "3.7.5", "3.7.6", "3.7.7", "4.2.1.1"]
#     SOC2: ["CC6.1"]
package cspm.checks.azure.keyvault.key_expiry_access_policy

import data.cspm.lib.azure.keyvault

applies contains id if {
	some id, vault in input.resources.azurerm_key_vault
	not vault.config.enable_rbac_authorization
}

deny contains {"resource": id, "message": sprintf("keys without an expiration date: %s", [concat(", ", sort(names))])} if {
	some id, vault in input.resources.azurerm_key_vault
	names := keyvault.without_expiry(vault.config.keys)
	count(names) > 0
}
