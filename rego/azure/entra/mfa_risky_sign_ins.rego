# METADATA
# title: A Conditional Access policy requires MFA for risky sign-ins
# description: >-
#   Entra ID Protection scores each sign-in's risk; unless a policy asks for MFA when the
#   risk is medium or high, a sign-in that looks like an attacker's goes through.
# custom:
#   id: AZURE-ENTRA-016
#   severity: MEDIUM
#   resource_type: azuread_conditional_access
#   remediation: >-
#     Create a Conditional Access policy for all users and all resources with the
#     Sign-in risk condition set to High and Medium, granting access with 'Require
#     multifactor authentication'.
#   compliance:
#     CIS_Azure_v4.0: ["6.2.5"]
package cspm.checks.azure.entra.mfa_risky_sign_ins

import data.cspm.lib.azure.conditional_access as ca

deny contains {"resource": id, "message": "no enforced policy requires MFA for medium or high risk sign-ins"} if {
	some id, access in input.resources.azuread_conditional_access
	not covered(access.config.policies)
}

covered(policies) if {
	some policy in policies
	ca.for_all_users(policy)
	policy.requires_mfa
	ca.covers_app(policy, "All")
	"medium" in policy.sign_in_risk_levels
	"high" in policy.sign_in_risk_levels
}
