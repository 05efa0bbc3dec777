# METADATA
# title: A Conditional Access policy requires MFA for Microsoft admin portals
# description: >-
#   The Microsoft admin portals (Entra, Azure, Microsoft 365, Exchange, ...) change
#   tenant-wide settings; their sign-ins should always need multifactor authentication.
# custom:
#   id: AZURE-ENTRA-018
#   severity: HIGH
#   resource_type: azuread_conditional_access
#   remediation: >-
#     Create a Conditional Access policy for all users targeting 'Microsoft Admin Portals',
#     granting access with 'Require multifactor authentication'.
#   compliance:
#     CIS_Azure_v4.0: ["6.2.7"]
package cspm.checks.azure.entra.mfa_admin_portals

import data.cspm.lib.azure.conditional_access as ca

deny contains {"resource": id, "message": "no enforced policy requires MFA for Microsoft admin portals"} if {
	some id, access in input.resources.azuread_conditional_access
	not ca.mfa_for(access.config.policies, "MicrosoftAdminPortals")
}
