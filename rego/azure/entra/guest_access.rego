# METADATA
# title: Guest users see only their own directory objects
# description: >-
#   Unless guest access is restricted to the properties and memberships of their own
#   directory objects, guests can enumerate users, groups and other objects of the tenant.
# custom:
#   id: AZURE-ENTRA-004
#   severity: MEDIUM
#   resource_type: azuread_authorization_policy
#   remediation: >-
#     In Microsoft Entra ID > External Identities > External collaboration settings, set
#     'Guest user access' to 'Guest user access is restricted to properties and
#     memberships of their own directory objects'.
#   compliance:
#     CIS_Azure_v4.0: ["6.15"]
#     SOC2: ["CC1.3"]
#     ISO_27001_2022: ["A.5.2", "A.5.15", "A.5.16", "A.5.18", "A.5.22", "A.8.2", "A.8.3"]
package cspm.checks.azure.entra.guest_access

deny contains {"resource": id, "message": sprintf("guest user access is %s, not restricted_guest", [policy.config.guest_user_role])} if {
	some id, policy in input.resources.azuread_authorization_policy
	policy.config.guest_user_role != "restricted_guest"
}
