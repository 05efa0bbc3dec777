# METADATA
# title: A Conditional Access policy blocks the device code flow
# description: >-
#   The device code flow lets a sign-in started on one device complete on another,
#   which device-code phishing abuses; few organizations need it for all users.
# custom:
#   id: AZURE-ENTRA-014
#   severity: MEDIUM
#   resource_type: azuread_conditional_access
#   remediation: >-
#     Create a Conditional Access policy for all users and all resources whose
#     Authentication flows condition selects Device code flow, granting Block access.
#   compliance:
#     CIS_Azure_v4.0: ["6.2.3"]
package cspm.checks.azure.entra.device_code_flow

import data.cspm.lib.azure.conditional_access as ca

deny contains {"resource": id, "message": "no enforced policy blocks the device code flow"} if {
	some id, access in input.resources.azuread_conditional_access
	not blocked(access.config.policies)
}

blocked(policies) if {
	some policy in policies
	ca.for_all_users(policy)
	policy.blocks
	"deviceCodeFlow" in policy.authentication_flows
}
