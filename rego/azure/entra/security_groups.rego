# METADATA
# title: Users cannot create security groups
# description: >-
#   Security groups grant access; when any user can create them, group sprawl and
#   unreviewed access follow.
# custom:
#   id: AZURE-ENTRA-007
#   severity: LOW
#   resource_type: azuread_authorization_policy
#   remediation: >-
#     In Microsoft Entra ID > Groups > General, set 'Users can create security groups in
#     Azure portals, API or PowerShell' to No (allowedToCreateSecurityGroups false).
#   compliance:
#     CIS_Azure_v4.0: ["6.19"]
#     SOC2: ["CC1.3"]
#     ISO_27001_2022: ["A.5.2", "A.5.15", "A.5.18", "A.8.2"]
package cspm.checks.azure.entra.security_groups

deny contains {"resource": id, "message": "users can create security groups"} if {
	some id, policy in input.resources.azuread_authorization_policy
	policy.config.default_user_role_permissions.allowed_to_create_security_groups != false
}
