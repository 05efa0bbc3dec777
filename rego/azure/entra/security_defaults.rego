# METADATA
# title: Microsoft Entra security defaults are enabled
# description: >-
#   Security defaults require MFA registration, block legacy authentication and protect
#   privileged actions. A tenant that turns them off without Conditional Access policies
#   in their place leaves sign-ins protected by passwords alone.
# custom:
#   id: AZURE-ENTRA-001
#   severity: MEDIUM
#   resource_type: azuread_security_defaults_policy
#   remediation: >-
#     In Microsoft Entra ID > Properties > Manage security defaults, set 'Security
#     defaults' to Enabled (or waive this check where Conditional Access policies enforce
#     MFA instead).
#   compliance:
#     CIS_Azure_v4.0: ["6.1.1"]
#     PCI_DSS_v4.0: ["8.4.1", "8.4.2", "8.4.3"]
#     SOC2: ["CC1.3", "CC3.3", "CC6.3"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-3(2)", "AC-3(3)", "AC-3(3)(a)", "AC-3(3)(b)(1)",
#       "AC-3(3)(b)(2)", "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)", "AC-3(3)(c)", "AC-3(4)",
#       "AC-3(4)(a)", "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)", "AC-3(4)(e)", "AC-3(8)",
#       "AC-3(12)(a)", "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)", "AC-4(28)", "AC-7(4)",
#       "AC-7(4)(a)", "AC-24", "CM-5(1)(a)", "CM-6(a)", "CM-9(b)", "IA-2(1)", "IA-2(2)", "IA-2(6)",
#       "IA-2(6)(a)", "IA-2(8)", "SC-23(3)"]
#     ISO_27001_2022: ["A.5.1", "A.5.2", "A.5.15", "A.5.17", "A.8.5"]
#     GDPR: ["Article 25"]
package cspm.checks.azure.entra.security_defaults

deny contains {"resource": id, "message": "security defaults are disabled"} if {
	some id, policy in input.resources.azuread_security_defaults_policy
	not policy.config.is_enabled
}
