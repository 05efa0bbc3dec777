# METADATA
# title: Non-admin users cannot create Microsoft Entra tenants
# description: >-
#   A user who creates a tenant becomes its Global Administrator, outside the
#   organization's control and monitoring.
# custom:
#   id: AZURE-ENTRA-002
#   severity: MEDIUM
#   resource_type: azuread_authorization_policy
#   remediation: >-
#     In Microsoft Entra ID > Users > User settings, set 'Restrict non-admin users from
#     creating tenants' to Yes (authorizationPolicy defaultUserRolePermissions
#     allowedToCreateTenants false).
#   compliance:
#     CIS_Azure_v4.0: ["6.4"]
#     SOC2: ["CC1.3"]
#     ISO_27001_2022: ["A.5.2", "A.5.15", "A.5.18", "A.8.2"]
package cspm.checks.azure.entra.tenant_creation

deny contains {"resource": id, "message": "non-admin users may create tenants"} if {
	some id, policy in input.resources.azuread_authorization_policy
	policy.config.default_user_role_permissions.allowed_to_create_tenants
}
