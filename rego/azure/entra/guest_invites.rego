# METADATA
# title: Only admins and Guest Inviters can invite guests
# description: >-
#   When members or everyone (guests included) may invite external users, accounts enter
#   the directory without review.
# custom:
#   id: AZURE-ENTRA-005
#   severity: MEDIUM
#   resource_type: azuread_authorization_policy
#   remediation: >-
#     In External collaboration settings, set 'Guest invite restrictions' to 'Only users
#     assigned to specific admin roles can invite guest users' (allowInvitesFrom
#     adminsAndGuestInviters, or none).
#   compliance:
#     CIS_Azure_v4.0: ["6.16"]
#     SOC2: ["CC1.3"]
#     ISO_27001_2022: ["A.5.2", "A.5.15", "A.5.18", "A.8.2"]
package cspm.checks.azure.entra.guest_invites

restricted := {"adminsAndGuestInviters", "none"}

deny contains {"resource": id, "message": sprintf("guests may be invited by %v", [policy.config.allow_invites_from])} if {
	some id, policy in input.resources.azuread_authorization_policy
	not policy.config.allow_invites_from in restricted
}
