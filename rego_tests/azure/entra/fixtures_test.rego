# Hardened Microsoft Entra tenant documents for the entra checks' tests; a test merges
# in only what it breaks.
package cspm.test.entra

tenant := "/tenants/11111111-1111-1111-1111-111111111111"

doc(rtype, path, config) := {"id": concat("/", [tenant, path]), "type": rtype, "name": path, "region": "global", "config": config}

authorization := {
	"allow_invites_from": "adminsAndGuestInviters",
	"guest_user_role_id": "2af84b1e-32c8-42b7-82bc-daa82404023b",
	"guest_user_role": "restricted_guest",
	"allowed_to_sign_up_email_based_subscriptions": false,
	"allow_email_verified_users_to_join_organization": false,
	"allowed_to_use_sspr": true,
	"block_msol_powershell": true,
	"default_user_role_permissions": {
		"allowed_to_create_apps": false,
		"allowed_to_create_security_groups": false,
		"allowed_to_create_tenants": false,
		"allowed_to_read_other_users": true,
		"permission_grant_policies_assigned": [],
	},
	"user_consent": "none",
}

directory := {
	"group_unified": {
		"present": true,
		"enable_group_creation": false,
		"allow_guests_to_access_groups": true,
		"allow_to_add_guests": false,
		"enable_mip_labels": false,
	},
	"password_rule": {
		"present": true,
		"lockout_threshold": 10,
		"lockout_duration_seconds": 60,
		"enable_banned_password_check": true,
		"banned_password_count": 3,
	},
	"setting_names": ["Group.Unified", "Password Rule Settings"],
}

consent := {
	"is_enabled": true,
	"notify_reviewers": true,
	"reminders_enabled": true,
	"request_duration_in_days": 7,
	"reviewer_count": 1,
}

authorization_input(overrides) := {"resources": {"azuread_authorization_policy": {authorization_id: doc("azuread_authorization_policy", "policies/authorizationPolicy", object.union(authorization, overrides))}}}

authorization_id := concat("/", [tenant, "policies/authorizationPolicy"])

directory_input(overrides) := {"resources": {"azuread_directory_settings": {directory_id: doc("azuread_directory_settings", "groupSettings", object.union(directory, overrides))}}}

directory_id := concat("/", [tenant, "groupSettings"])

security_defaults_input(enabled) := {"resources": {"azuread_security_defaults_policy": {"sd": doc("azuread_security_defaults_policy", "policies/identitySecurityDefaultsEnforcementPolicy", {"is_enabled": enabled})}}}

consent_input(overrides) := {"resources": {"azuread_admin_consent_request_policy": {"acr": doc("azuread_admin_consent_request_policy", "policies/adminConsentRequestPolicy", object.union(consent, overrides))}}}

policy(name, apps, grant, extra) := object.union(
	{
		"id": name,
		"display_name": name,
		"state": "enabled",
		"include_users": ["All"],
		"exclude_users_count": 1,
		"include_roles": [],
		"include_applications": apps,
		"include_user_actions": [],
		"client_app_types": ["all"],
		"include_locations": [],
		"exclude_locations": [],
		"sign_in_risk_levels": [],
		"user_risk_levels": [],
		"authentication_flows": [],
		"grant_operator": "OR",
		"grant_controls": [grant],
		"requires_mfa": grant == "mfa",
		"blocks": grant == "block",
	},
	extra,
)

policies := {
	"all": policy("all", ["All"], "mfa", {}),
	"risky": policy("risky", ["All"], "mfa", {"sign_in_risk_levels": ["high", "medium"]}),
	"management": policy("management", ["797f4846-ba00-4fd7-ba43-dac1f8f63013"], "mfa", {}),
	"portals": policy("portals", ["MicrosoftAdminPortals"], "mfa", {}),
	"device_code": policy("device_code", ["All"], "block", {"authentication_flows": ["deviceCodeFlow"]}),
}

trusted_location := {"id": "l1", "display_name": "Office", "kind": "ip", "is_trusted": true, "ip_range_count": 1, "countries": []}

ca_id := concat("/", [tenant, "identity/conditionalAccess"])

# ca_input holds the named policies of `policies` with `changes` (name -> replacement
# policy, or null to drop it) applied, and the named locations `locations`.
ca_input(changes, locations) := {"resources": {"azuread_conditional_access": {ca_id: doc(
	"azuread_conditional_access",
	"identity/conditionalAccess",
	{
		"policies": [p |
			some name, base in policies
			p := object.get(changes, name, base)
			p != null
		],
		"named_locations": locations,
	},
)}}}

role_input(users) := {"resources": {"azuread_directory_role": {"ga": doc(
	"azuread_directory_role",
	"directoryRoles/62e90394-69f5-4237-9190-012177145e10",
	{"role_template_id": "62e90394-69f5-4237-9190-012177145e10", "display_name": "Global Administrator", "member_count": users, "user_count": users},
)}}}
