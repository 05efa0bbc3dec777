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
package cspm.checks.azure.iam.user_access_administrator

user_access_administrator := "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"

deny contains {"resource": id, "message": sprintf("User Access Administrator is assigned to %s %s at scope %s", [kind, assignment.config.principal_id, assignment.config.scope])} if {
	some id, assignment in input.resources.azurerm_role_assignment
	lower(assignment.config.role_definition_guid) == user_access_administrator
	kind := principal_kind(assignment.config.principal_type)
}

principal_kind(t) := t if is_string(t)

principal_kind(t) := "principal" if not is_string(t)
