# METADATA
# title: User Access Administrator is not assigned
# description: >-
#   User Access Administrator lets its holder grant any role, Owner included, to
#   anyone; assigned at the root scope (a Global Administrator's elevated access) or
#   over a subscription it is a standing path to full control and should exist only
#   for the minutes it is needed.
# custom:
#   id: AZURE-IAM-001
#   severity: HIGH
#   resource_type: azurerm_role_assignment
#   remediation: >-
#     Remove the User Access Administrator assignment (for elevated root-scope access:
#     turn off 'Access management for Azure resources' in Microsoft Entra ID
#     properties) and grant narrower roles through Privileged Identity Management.
#   compliance:
#     CIS_Azure_v4.0: ["6.3.3"]
#     PCI_DSS_v4.0: ["7.2.2"]
#     SOC2: ["CC6.3"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-2(6)", "AC-2(i)(2)", "AC-3", "AC-3(3)", "AC-3(3)(a)",
#       "AC-3(3)(b)(1)", "AC-3(3)(b)(2)", "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)",
#       "AC-3(3)(c)", "AC-3(4)", "AC-3(4)(a)", "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)",
#       "AC-3(4)(e)", "AC-3(7)", "AC-3(8)", "AC-3(12)(a)", "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)",
#       "AC-4(28)", "AC-5(b)", "AC-6", "AC-6(2)", "AC-6(3)", "AC-6(10)", "AC-24", "CM-5(1)(a)",
#       "CM-6(a)", "CM-9(b)", "MP-2", "SC-23(3)", "SC-25"]
#     GDPR: ["Article 25"]
package cspm.checks.azure.iam.user_access_administrator

user_access_administrator := "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"

deny contains {"resource": id, "message": sprintf("User Access Administrator is assigned to %s %s at scope %s", [kind, assignment.config.principal_id, assignment.config.scope])} if {
	some id, assignment in input.resources.azurerm_role_assignment
	lower(assignment.config.role_definition_guid) == user_access_administrator
	kind := principal_kind(assignment.config.principal_type)
}

principal_kind(t) := t if is_string(t)

principal_kind(t) := "principal" if not is_string(t)
