# METADATA
# title: Key vaults are recoverable (soft delete and purge protection)
# description: >-
#   Without soft delete and purge protection, a deleted vault or key is gone at once,
#   and with it every piece of data encrypted under it.
# custom:
#   id: AZURE-KEYVAULT-005
#   severity: HIGH
#   resource_type: azurerm_key_vault
#   remediation: >-
#     Enable purge protection on the vault (az keyvault update --enable-purge-
#     protection true); soft delete is on for every new vault and cannot be turned
#     off.
#   compliance:
#     CIS_Azure_v4.0: ["9.3.5"]
#     PCI_DSS_v4.0: ["3.6.1"]
#     SOC2: ["A1.2", "PI1.5"]
#     NIST_800_53_r5: ["CA-7(4)(c)", "CM-3(a)", "CP-1(a)(1)(b)", "CP-1(a)(2)", "CP-2(a)",
#       "CP-2(a)(6)", "CP-2(a)(7)", "CP-2(d)", "CP-2(e)", "CP-2(5)", "SA-15(a)(4)", "SC-5(2)",
#       "SC-22", "SI-13(5)"]
package cspm.checks.azure.keyvault.recoverable

deny contains {"resource": id, "message": "soft delete is disabled"} if {
	some id, vault in input.resources.azurerm_key_vault
	not vault.config.soft_delete_enabled
}

deny contains {"resource": id, "message": "purge protection is disabled"} if {
	some id, vault in input.resources.azurerm_key_vault
	not vault.config.purge_protection_enabled
}
