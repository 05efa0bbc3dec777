# METADATA
# title: Between two and four users hold Global Administrator
# description: >-
#   Every Global Administrator can change anything in the tenant, so each one more is
#   one more account to take over; a single one is a single point of failure.
# custom:
#   id: AZURE-ENTRA-019
#   severity: MEDIUM
#   resource_type: azuread_directory_role
#   remediation: >-
#     In Roles and administrators > Global Administrator, keep two to four assignments
#     (break-glass accounts included) and move the others to least-privileged roles.
#   compliance:
#     CIS_Azure_v4.0: ["6.26"]
package cspm.checks.azure.entra.global_admins

global_administrator := "62e90394-69f5-4237-9190-012177145e10"

deny contains {"resource": id, "message": sprintf("%d users hold Global Administrator (five or more)", [role.config.user_count])} if {
	some id, role in input.resources.azuread_directory_role
	role.config.role_template_id == global_administrator
	role.config.user_count >= 5
}

deny contains {"resource": id, "message": sprintf("%d user(s) hold Global Administrator (fewer than two)", [role.config.user_count])} if {
	some id, role in input.resources.azuread_directory_role
	role.config.role_template_id == global_administrator
	role.config.user_count < 2
}
