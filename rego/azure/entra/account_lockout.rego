# METADATA
# title: Smart lockout locks after at most 10 failures, for at least 60 seconds
# description: >-
#   A higher lockout threshold or a shorter lockout leaves more password guesses per
#   account to an attacker.
# custom:
#   id: AZURE-ENTRA-009
#   severity: MEDIUM
#   resource_type: azuread_directory_settings
#   remediation: >-
#     In Microsoft Entra ID > Authentication methods > Password protection, set
#     'Lockout threshold' to 10 or less and 'Lockout duration in seconds' to 60 or more.
#   compliance:
#     CIS_Azure_v4.0: ["6.6", "6.7"]
package cspm.checks.azure.entra.account_lockout

deny contains {"resource": id, "message": sprintf("lockout threshold is %d (more than 10)", [rule.lockout_threshold])} if {
	some id, settings in input.resources.azuread_directory_settings
	rule := settings.config.password_rule
	rule.lockout_threshold > 10
}

deny contains {"resource": id, "message": sprintf("lockout lasts %d seconds (less than 60)", [rule.lockout_duration_seconds])} if {
	some id, settings in input.resources.azuread_directory_settings
	rule := settings.config.password_rule
	rule.lockout_duration_seconds < 60
}
