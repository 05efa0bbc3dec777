# METADATA
# title: A Conditional Access policy requires MFA for Azure management
# description: >-
#   Azure Resource Manager (the portal, CLI, PowerShell and Terraform) reaches every
#   subscription; its sign-ins should always need multifactor authentication.
# custom:
#   id: AZURE-ENTRA-017
#   severity: HIGH
#   resource_type: azuread_conditional_access
#   remediation: >-
#     Create a Conditional Access policy for all users targeting the 'Windows Azure
#     Service Management API' app (797f4846-ba00-4fd7-ba43-dac1f8f63013), granting access
#     with 'Require multifactor authentication'.
#   compliance:
#     CIS_Azure_v4.0: ["6.2.6"]
package cspm.checks.azure.entra.mfa_azure_management

import data.cspm.lib.azure.conditional_access as ca

service_management_api := "797f4846-ba00-4fd7-ba43-dac1f8f63013"

deny contains {"resource": id, "message": "no enforced policy requires MFA for the Windows Azure Service Management API"} if {
	some id, access in input.resources.azuread_conditional_access
	not ca.mfa_for(access.config.policies, service_management_api)
}
