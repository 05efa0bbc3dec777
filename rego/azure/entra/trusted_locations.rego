# METADATA
# title: Trusted named locations are defined
# description: >-
#   Conditional Access tells the organization's networks from others only through named
#   locations marked trusted; without one, no policy can treat office sign-ins apart.
# custom:
#   id: AZURE-ENTRA-013
#   severity: LOW
#   resource_type: azuread_conditional_access
#   remediation: >-
#     In Conditional Access > Named locations, add the organization's public IP ranges as
#     an IP ranges location and mark it as a trusted location.
#   compliance:
#     CIS_Azure_v4.0: ["6.2.1"]
package cspm.checks.azure.entra.trusted_locations

deny contains {"resource": id, "message": "no trusted named location is defined"} if {
	some id, ca in input.resources.azuread_conditional_access
	not trusted(ca.config.named_locations)
}

trusted(locations) if {
	some location in locations
	location.is_trusted
}
