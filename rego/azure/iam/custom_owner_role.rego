# METADATA
# title: No custom role grants subscription administration
# description: >-
#   A custom role whose actions include '*' and that is assignable at the root, a
#   management group or a subscription is an Owner in disguise: it escapes reviews
#   that look for the built-in Owner role.
# custom:
#   id: AZURE-IAM-002
#   severity: HIGH
#   resource_type: azurerm_role_definition
#   remediation: >-
#     Replace the custom role's '*' action with the specific actions the role needs,
#     or delete the role and use built-in roles.
#   compliance:
#     CIS_Azure_v4.0: ["6.23"]
#     PCI_DSS_v4.0: ["7.2.2"]
#     SOC2: ["CC6.3"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-2(6)", "AC-2(i)(2)", "AC-3", "AC-3(3)", "AC-3(3)(a)",
#       "AC-3(3)(b)(1)", "AC-3(3)(b)(2)", "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)",
#       "AC-3(3)(c)", "AC-3(4)", "AC-3(4)(a)", "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)",
#       "AC-3(4)(e)", "AC-3(7)", "AC-3(8)", "AC-3(12)(a)", "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)",
#       "AC-4(28)", "AC-5(b)", "AC-6", "AC-6(2)", "AC-6(3)", "AC-6(10)", "AC-24", "CM-5(1)(a)",
#       "CM-6(a)", "CM-9(b)", "MP-2", "SC-23(3)", "SC-25"]
#     GDPR: ["Article 25"]
package cspm.checks.azure.iam.custom_owner_role

deny contains {"resource": id, "message": sprintf("custom role %s allows every action at scope %s", [role.config.role_name, scope])} if {
	some id, role in input.resources.azurerm_role_definition
	some permission in role.config.permissions
	"*" in permission.actions
	some scope in role.config.assignable_scopes
	administrative_scope(scope)
}

administrative_scope("/")

administrative_scope(scope) if regex.match(`^/subscriptions/[^/]+/?$`, scope)

administrative_scope(scope) if regex.match(`(?i)^/providers/Microsoft.Management/managementGroups/[^/]+/?$`, scope)
