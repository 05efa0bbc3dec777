# METADATA
# title: Users cannot consent to applications
# description: >-
#   User consent lets any user grant an application access to organizational data in
#   their name, the path of consent-phishing attacks; consent should be an admin decision.
# custom:
#   id: AZURE-ENTRA-006
#   severity: HIGH
#   resource_type: azuread_authorization_policy
#   remediation: >-
#     In Enterprise applications > Consent and permissions, set 'User consent for
#     applications' to 'Do not allow user consent' (no managePermissionGrantsForSelf
#     policy in permissionGrantPoliciesAssigned).
#   compliance:
#     CIS_Azure_v4.0: ["6.12"]
#     SOC2: ["CC1.3"]
#     ISO_27001_2022: ["A.5.2", "A.5.15", "A.5.16", "A.5.18", "A.5.22", "A.8.2"]
package cspm.checks.azure.entra.user_consent

deny contains {"resource": id, "message": sprintf("users may consent to apps (%s)", [policy.config.user_consent])} if {
	some id, policy in input.resources.azuread_authorization_policy
	policy.config.user_consent != "none"
}
