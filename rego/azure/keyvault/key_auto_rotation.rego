# METADATA
# title: Key vault keys rotate automatically
# description: >-
#   A key rotation policy with a Rotate action creates new key versions on schedule,
#   so a key's cryptoperiod is enforced without anyone remembering to do it.
# custom:
#   id: AZURE-KEYVAULT-009
#   severity: MEDIUM
#   resource_type: azurerm_key_vault
#   remediation: >-
#     Give every key a rotation policy with a Rotate lifetime action (az keyvault key
#     rotation-policy update).
#   compliance:
#     CIS_Azure_v4.0: ["9.3.9"]
#     PCI_DSS_v4.0: ["3.7.4", "3.7.5", "8.2.2", "8.3.5", "8.3.7", "8.3.9", "8.3.10.1", "8.6.3"]
#     SOC2: ["CC6.1", "PI1.5"]
#     NIST_800_53_r5: ["CM-6(a)", "CM-9(b)", "SA-9(6)", "SC-12", "SC-12(2)", "SC-12(6)"]
#     GDPR: ["Article 25", "Article 30"]
package cspm.checks.azure.keyvault.key_auto_rotation

deny contains {"resource": id, "message": sprintf("keys without automatic rotation: %s", [concat(", ", sort(names))])} if {
	some id, vault in input.resources.azurerm_key_vault
	names := {key.name | some key in vault.config.keys; key.enabled; not key.auto_rotate}
	count(names) > 0
}
