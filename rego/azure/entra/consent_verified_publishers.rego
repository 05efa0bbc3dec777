# METADATA
# title: User consent is limited to verified publishers and low-impact permissions
# description: >-
#   Where users may consent to apps at all, only apps from verified publishers asking
#   for permissions classified as low impact should qualify; anything broader lets a
#   user hand organizational data to any app.
# custom:
#   id: AZURE-ENTRA-012
#   severity: MEDIUM
#   resource_type: azuread_authorization_policy
#   remediation: >-
#     In Enterprise applications > Consent and permissions, choose 'Do not allow user
#     consent' or 'Allow user consent for apps from verified publishers, for selected
#     permissions' (microsoft-user-default-low).
#   compliance:
#     CIS_Azure_v4.0: ["6.13"]
package cspm.checks.azure.entra.consent_verified_publishers

deny contains {"resource": id, "message": "users may consent to any app for any permission"} if {
	some id, policy in input.resources.azuread_authorization_policy
	policy.config.user_consent == "any"
}
