# METADATA
# title: A Conditional Access policy requires MFA for all users
# description: >-
#   Without an enforced policy asking every user for multifactor authentication on every
#   resource, a stolen password is enough to sign in.
# custom:
#   id: AZURE-ENTRA-015
#   severity: HIGH
#   resource_type: azuread_conditional_access
#   remediation: >-
#     Create a Conditional Access policy for all users (break-glass accounts excluded) and
#     all resources granting access only with 'Require multifactor authentication', and
#     turn it On (not Report-only).
#   compliance:
#     CIS_Azure_v4.0: ["6.2.4"]
package cspm.checks.azure.entra.mfa_all_users

import data.cspm.lib.azure.conditional_access as ca

deny contains {"resource": id, "message": "no enforced policy requires MFA of all users for all resources"} if {
	some id, access in input.resources.azuread_conditional_access
	not ca.mfa_for(access.config.policies, "All")
}
