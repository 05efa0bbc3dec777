# METADATA
# title: Microsoft Entra Conditional Access helpers
# description: >-
#   Reading the policies of an azuread_conditional_access document: which enforced
#   policies apply to every user, and which apps and conditions they cover.
package cspm.lib.azure.conditional_access

# for_all_users holds for an enforced (not report-only) policy that includes all users.
for_all_users(policy) if {
	policy.state == "enabled"
	"All" in policy.include_users
}

# covers_app holds when the policy targets `app` (an app id or a group such as
# MicrosoftAdminPortals), directly or through "All".
covers_app(policy, _) if "All" in policy.include_applications

covers_app(policy, app) if app in policy.include_applications

# unconditional holds when no risk, location or authentication-flow condition narrows
# the policy to some sign-ins only.
unconditional(policy) if {
	count(policy.sign_in_risk_levels) == 0
	count(policy.user_risk_levels) == 0
	count(policy.authentication_flows) == 0
	every location in policy.include_locations {
		location == "All"
	}
}

# mfa_for holds when an enforced, unconditional policy for all users requires MFA for
# `app`.
mfa_for(policies, app) if {
	some policy in policies
	for_all_users(policy)
	unconditional(policy)
	policy.requires_mfa
	covers_app(policy, app)
}
