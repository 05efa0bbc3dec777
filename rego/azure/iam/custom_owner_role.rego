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
