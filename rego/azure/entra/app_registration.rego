# METADATA
# title: Users cannot register applications
# description: >-
#   When every user may register applications, anyone can create an app that asks
#   others for consent to organizational data; registration should go through admins.
# custom:
#   id: AZURE-ENTRA-003
#   severity: MEDIUM
#   resource_type: azuread_authorization_policy
#   remediation: >-
#     In Microsoft Entra ID > Users > User settings, set 'Users can register
#     applications' to No (defaultUserRolePermissions allowedToCreateApps false).
#   compliance:
#     CIS_Azure_v4.0: ["6.14"]
#     SOC2: ["CC1.3"]
#     ISO_27001_2022: ["A.5.2", "A.5.15", "A.5.18", "A.8.2"]
package cspm.checks.azure.entra.app_registration

deny contains {"resource": id, "message": "users can register applications"} if {
	some id, policy in input.resources.azuread_authorization_policy
	policy.config.default_user_role_permissions.allowed_to_create_apps != false
}
