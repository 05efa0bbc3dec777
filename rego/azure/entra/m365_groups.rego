# METADATA
# title: Users cannot create Microsoft 365 groups
# description: >-
#   Unless the Group.Unified directory setting turns EnableGroupCreation off, every user
#   can create Microsoft 365 groups, with their own mailboxes, sites and guest access.
# custom:
#   id: AZURE-ENTRA-008
#   severity: LOW
#   resource_type: azuread_directory_settings
#   remediation: >-
#     In Microsoft Entra ID > Groups > General, set 'Users can create Microsoft 365 groups
#     in Azure portals, API or PowerShell' to No (Group.Unified EnableGroupCreation false).
#   compliance:
#     CIS_Azure_v4.0: ["6.21"]
#     SOC2: ["CC1.3"]
#     ISO_27001_2022: ["A.5.2", "A.5.15", "A.5.16", "A.5.22"]
package cspm.checks.azure.entra.m365_groups

deny contains {"resource": id, "message": "users can create Microsoft 365 groups"} if {
	some id, settings in input.resources.azuread_directory_settings
	settings.config.group_unified.enable_group_creation
}
