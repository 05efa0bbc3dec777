# METADATA
# title: A custom banned password list is enforced
# description: >-
#   Without a custom list of banned passwords (company and product names, places),
#   users keep guessable passwords that the global list does not know.
# custom:
#   id: AZURE-ENTRA-010
#   severity: LOW
#   resource_type: azuread_directory_settings
#   remediation: >-
#     In Authentication methods > Password protection, set 'Enforce custom list' to Yes
#     and add the organization's terms to 'Custom banned password list'.
#   compliance:
#     CIS_Azure_v4.0: ["6.8"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-2(3)(a)", "AC-2(3)(b)", "AC-2(3)(c)", "AC-2(3)(d)", "AC-2(3)",
#       "AC-2(d)(1)", "AC-3(3)", "AC-3(3)(a)", "AC-3(3)(b)(1)", "AC-3(3)(b)(2)", "AC-3(3)(b)(3)",
#       "AC-3(3)(b)(4)", "AC-3(3)(b)(5)", "AC-3(3)(c)", "AC-3(4)", "AC-3(4)(a)", "AC-3(4)(b)",
#       "AC-3(4)(c)", "AC-3(4)(d)", "AC-3(4)(e)", "AC-3(8)", "AC-3(12)(a)", "AC-3(13)",
#       "AC-3(15)(a)", "AC-3(15)(b)", "AC-4(28)", "AC-7(4)", "AC-7(4)(a)", "AC-24", "CM-5(1)(a)",
#       "CM-6(a)", "CM-9(b)", "CM-12(b)", "IA-4(d)", "IA-5", "IA-5(b)", "IA-5(c)", "IA-5(d)",
#       "IA-5(f)", "IA-5(h)", "IA-5(1)(f)", "IA-5(1)(g)", "IA-5(1)(h)", "IA-5(18)(a)",
#       "IA-5(18)(b)", "IA-8(2)(b)", "MA-4(c)", "SC-23(3)"]
#     GDPR: ["Article 25"]
package cspm.checks.azure.entra.banned_passwords

deny contains {"resource": id, "message": "the custom banned password list is not enforced"} if {
	some id, settings in input.resources.azuread_directory_settings
	not settings.config.password_rule.enable_banned_password_check
}

deny contains {"resource": id, "message": "the custom banned password list is empty"} if {
	some id, settings in input.resources.azuread_directory_settings
	settings.config.password_rule.banned_password_count == 0
}
