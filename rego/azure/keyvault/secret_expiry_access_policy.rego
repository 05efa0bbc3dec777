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
#     PCI_DSS_v4.0: ["7.2.4", "7.2.5.1", "8.2.2", "8.2.6", "8.3.5", "8.3.7", "8.3.9", "8.3.10.1",
#       "8.6.3", "A3.4.1"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-3(3)", "AC-3(3)(a)", "AC-3(3)(b)(1)", "AC-3(3)(b)(2)",
#       "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)", "AC-3(3)(c)", "AC-3(4)", "AC-3(4)(a)",
#       "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)", "AC-3(4)(e)", "AC-3(8)", "AC-3(12)(a)",
#       "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)", "AC-4(28)", "AC-24", "CM-5(1)(a)", "SC-23(3)"]
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
