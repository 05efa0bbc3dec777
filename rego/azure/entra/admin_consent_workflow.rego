# METADATA
# title: The admin consent workflow is enabled with reviewers
# description: >-
#   With user consent off, users need a way to ask for an app; without the admin consent
#   workflow they cannot, and admins grant consent ad hoc without a record of the request.
# custom:
#   id: AZURE-ENTRA-011
#   severity: LOW
#   resource_type: azuread_admin_consent_request_policy
#   remediation: >-
#     In Enterprise applications > Consent and permissions > Admin consent settings, set
#     'Users can request admin consent to apps they are unable to consent to' to Yes and
#     name at least one reviewer.
#   compliance:
#     SOC2: ["CC6.2"]
package cspm.checks.azure.entra.admin_consent_workflow

deny contains {"resource": id, "message": "the admin consent workflow is disabled"} if {
	some id, policy in input.resources.azuread_admin_consent_request_policy
	not policy.config.is_enabled
}

deny contains {"resource": id, "message": "the admin consent workflow has no reviewers"} if {
	some id, policy in input.resources.azuread_admin_consent_request_policy
	policy.config.is_enabled
	policy.config.reviewer_count == 0
}
