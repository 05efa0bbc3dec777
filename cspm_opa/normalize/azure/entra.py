"""Microsoft Entra tenant settings read through Microsoft Graph v1.0, as ``azuread_*``
documents. Pure functions over Graph's JSON (camelCase, as the v1.0 reference shows).

Graph settings belong to the tenant, not to a subscription, so every subscription of the
tenant carries the same documents; their ids are ``/tenants/<tenant>/...`` so findings
on them name the tenant. Directory settings that were never created take the values
Microsoft documents as the template defaults, which is what the tenant enforces.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cspm_opa.normalize.azure._common import GLOBAL, Document, Raw

__all__ = [
    "ENTRA_TYPES",
    "GROUP_UNIFIED_TEMPLATE",
    "PASSWORD_RULE_TEMPLATE",
    "RESTRICTED_GUEST_ROLE",
    "admin_consent_request_policy",
    "authorization_policy",
    "conditional_access",
    "directory_settings",
    "global_administrators",
    "security_defaults",
]

RESTRICTED_GUEST_ROLE = "2af84b1e-32c8-42b7-82bc-daa82404023b"
"""guestUserRoleId of 'Guest user access is restricted to properties and memberships of
their own directory objects'."""
GUEST_ROLES = {
    "a0b1b346-4d3e-4e8b-98f8-753987be4970": "member",
    "10dae51f-b6af-4016-8d66-8c2a99b929b3": "guest",
    RESTRICTED_GUEST_ROLE: "restricted_guest",
}
GROUP_UNIFIED_TEMPLATE = "62375ab9-6b52-47ed-826b-58e47e0e304b"
PASSWORD_RULE_TEMPLATE = "5cf42378-d67d-4f36-ba46-e8b86229381d"

ENTRA_TYPES = (
    "azuread_security_defaults_policy",
    "azuread_authorization_policy",
    "azuread_directory_settings",
    "azuread_admin_consent_request_policy",
    "azuread_conditional_access",
    "azuread_directory_role",
)
"""The resource types this module produces, one per Graph read."""

_SELF_CONSENT = "managepermissiongrantsforself."
_LOW_RISK = "managepermissiongrantsforself.microsoft-user-default-low"


def _doc(rtype: str, tenant_id: str, path: str, name: str, config: dict[str, Any]) -> Document:
    return {
        "id": f"/tenants/{tenant_id}/{path}",
        "type": rtype,
        "name": name,
        "region": GLOBAL,
        "config": config,
    }


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def security_defaults(raw: Raw, tenant_id: str) -> Document:
    """``GET /policies/identitySecurityDefaultsEnforcementPolicy``."""
    return _doc(
        "azuread_security_defaults_policy",
        tenant_id,
        "policies/identitySecurityDefaultsEnforcementPolicy",
        str(raw.get("displayName") or "Security Defaults"),
        {"is_enabled": raw.get("isEnabled") is True},
    )


def _single(raw: Raw) -> Raw:
    """authorizationPolicy is one object in v1.0; older answers wrapped it in ``value``."""
    value = raw.get("value")
    if isinstance(value, list) and value and isinstance(value[0], Mapping):
        return value[0]
    return raw


def user_consent(grants: Iterable[str]) -> str:
    """What the tenant lets users consent to: ``none`` (consent disabled),
    ``low_risk_verified`` (verified publishers, low-risk permissions) or ``any``."""
    policies = [g.lower() for g in grants if g.lower().startswith(_SELF_CONSENT)]
    if not policies:
        return "none"
    if all(p == _LOW_RISK for p in policies):
        return "low_risk_verified"
    return "any"


def authorization_policy(raw: Raw, tenant_id: str) -> Document:
    """``GET /policies/authorizationPolicy``."""
    raw = _single(raw)
    perms = raw.get("defaultUserRolePermissions") or {}
    grants = [str(g) for g in perms.get("permissionGrantPoliciesAssigned") or ()]
    role_id = str(raw.get("guestUserRoleId") or "").lower() or None
    config = {
        "allow_invites_from": raw.get("allowInvitesFrom"),
        "guest_user_role_id": role_id,
        "guest_user_role": GUEST_ROLES.get(role_id or "", "unknown"),
        "allowed_to_sign_up_email_based_subscriptions": _bool(
            raw.get("allowedToSignUpEmailBasedSubscriptions")
        ),
        "allow_email_verified_users_to_join_organization": _bool(
            raw.get("allowEmailVerifiedUsersToJoinOrganization")
        ),
        "allowed_to_use_sspr": _bool(raw.get("allowedToUseSSPR")),
        "block_msol_powershell": _bool(raw.get("blockMsolPowerShell")),
        "default_user_role_permissions": {
            "allowed_to_create_apps": _bool(perms.get("allowedToCreateApps")),
            "allowed_to_create_security_groups": _bool(perms.get("allowedToCreateSecurityGroups")),
            # Graph omits or nulls it on tenants that never changed it: users may create.
            "allowed_to_create_tenants": perms.get("allowedToCreateTenants") is not False,
            "allowed_to_read_other_users": _bool(perms.get("allowedToReadOtherUsers")),
            "permission_grant_policies_assigned": sorted(grants),
        },
        "user_consent": user_consent(grants),
    }
    return _doc(
        "azuread_authorization_policy",
        tenant_id,
        "policies/authorizationPolicy",
        str(raw.get("displayName") or "Authorization Policy"),
        config,
    )


def _values(setting: Mapping[str, Any]) -> dict[str, str]:
    return {
        str(v.get("name")): str(v.get("value") if v.get("value") is not None else "")
        for v in setting.get("values") or ()
        if isinstance(v, Mapping) and v.get("name")
    }


def _find(settings: Iterable[Raw], template: str, name: str) -> dict[str, str] | None:
    for setting in settings:
        if str(setting.get("templateId") or "").lower() == template or (
            str(setting.get("displayName") or "").lower() == name.lower()
        ):
            return _values(setting)
    return None


def _true(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() == "true"


def _int(value: str | None, default: int) -> int:
    try:
        return int(str(value).strip()) if value not in (None, "") else default
    except ValueError:
        return default


def directory_settings(settings: Iterable[Raw], tenant_id: str) -> Document:
    """``GET /groupSettings`` (every page): the Group.Unified and Password Rule Settings
    objects, each with the template's defaults where the tenant has not created it."""
    settings = list(settings)
    group = _find(settings, GROUP_UNIFIED_TEMPLATE, "Group.Unified")
    password = _find(settings, PASSWORD_RULE_TEMPLATE, "Password Rule Settings")
    g = group or {}
    p = password or {}
    banned = [w for w in (p.get("BannedPasswordList") or "").replace("\t", ",").split(",") if w]
    config = {
        "group_unified": {
            "present": group is not None,
            "enable_group_creation": _true(g.get("EnableGroupCreation"), True),
            "allow_guests_to_access_groups": _true(g.get("AllowGuestsToAccessGroups"), True),
            "allow_to_add_guests": _true(g.get("AllowToAddGuests"), True),
            "enable_mip_labels": _true(g.get("EnableMIPLabels"), False),
        },
        "password_rule": {
            "present": password is not None,
            "lockout_threshold": _int(p.get("LockoutThreshold"), 10),
            "lockout_duration_seconds": _int(p.get("LockoutDurationInSeconds"), 60),
            "enable_banned_password_check": _true(p.get("EnableBannedPasswordCheck"), True),
            "banned_password_count": len(banned),
        },
        "setting_names": sorted(str(s.get("displayName") or "") for s in settings),
    }
    return _doc(
        "azuread_directory_settings", tenant_id, "groupSettings", "Directory settings", config
    )


def admin_consent_request_policy(raw: Raw, tenant_id: str) -> Document:
    """``GET /policies/adminConsentRequestPolicy`` (reviewer queries are not kept)."""
    duration = raw.get("requestDurationInDays")
    config = {
        "is_enabled": raw.get("isEnabled") is True,
        "notify_reviewers": raw.get("notifyReviewers") is True,
        "reminders_enabled": raw.get("remindersEnabled") is True,
        "request_duration_in_days": duration if isinstance(duration, int) else None,
        "reviewer_count": len(raw.get("reviewers") or ()),
    }
    return _doc(
        "azuread_admin_consent_request_policy",
        tenant_id,
        "policies/adminConsentRequestPolicy",
        "Admin consent request policy",
        config,
    )


GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10"
"""roleTemplateId of the Global Administrator directory role."""
SERVICE_MANAGEMENT_API = "797f4846-ba00-4fd7-ba43-dac1f8f63013"
"""appId of Windows Azure Service Management API (Azure Resource Manager)."""


def _strings(value: Any) -> list[str]:
    return sorted(str(v) for v in value or () if v is not None)


def _ca_policy(raw: Raw) -> dict[str, Any]:
    conditions = raw.get("conditions") or {}
    users = conditions.get("users") or {}
    apps = conditions.get("applications") or {}
    locations = conditions.get("locations") or {}
    flows = conditions.get("authenticationFlows") or {}
    grant = raw.get("grantControls") or {}
    controls = [str(c).lower() for c in grant.get("builtInControls") or ()]
    return {
        "id": str(raw.get("id") or ""),
        "display_name": str(raw.get("displayName") or ""),
        "state": str(raw.get("state") or ""),
        "include_users": _strings(users.get("includeUsers")),
        "exclude_users_count": len(users.get("excludeUsers") or ()),
        "include_roles": _strings(users.get("includeRoles")),
        "include_applications": _strings(apps.get("includeApplications")),
        "include_user_actions": _strings(apps.get("includeUserActions")),
        "client_app_types": _strings(conditions.get("clientAppTypes")),
        "include_locations": _strings(locations.get("includeLocations")),
        "exclude_locations": _strings(locations.get("excludeLocations")),
        "sign_in_risk_levels": _strings(conditions.get("signInRiskLevels")),
        "user_risk_levels": _strings(conditions.get("userRiskLevels")),
        "authentication_flows": sorted(
            t.strip() for t in str(flows.get("transferMethods") or "").split(",") if t.strip()
        ),
        "grant_operator": str(grant.get("operator") or "") or None,
        "grant_controls": sorted(controls),
        # An authentication strength is MFA (every built-in strength asks for more than
        # a password).
        "requires_mfa": "mfa" in controls or bool(grant.get("authenticationStrength")),
        "blocks": "block" in controls,
    }


def _named_location(raw: Raw) -> dict[str, Any]:
    kind = str(raw.get("@odata.type") or "").rsplit(".", 1)[-1]
    return {
        "id": str(raw.get("id") or ""),
        "display_name": str(raw.get("displayName") or ""),
        "kind": "ip" if kind == "ipNamedLocation" else "country" if kind else "unknown",
        "is_trusted": raw.get("isTrusted") is True,
        "ip_range_count": len(raw.get("ipRanges") or ()),
        "countries": _strings(raw.get("countriesAndRegions")),
    }


def conditional_access(raw: Raw, tenant_id: str) -> Document:
    """``GET /identity/conditionalAccess/policies`` and ``.../namedLocations`` (every
    page of each), as one tenant document: the policies and the named locations."""
    policies = [_ca_policy(p) for p in raw.get("policies") or ()]
    locations = [_named_location(n) for n in raw.get("named_locations") or ()]
    return _doc(
        "azuread_conditional_access",
        tenant_id,
        "identity/conditionalAccess",
        "Conditional Access",
        {
            "policies": sorted(policies, key=lambda p: (p["display_name"], p["id"])),
            "named_locations": sorted(locations, key=lambda n: (n["display_name"], n["id"])),
        },
    )


def global_administrators(members: Iterable[Raw], tenant_id: str) -> Document:
    """``GET /directoryRoles(roleTemplateId='62e90394-...')/members`` (every page; a role
    never activated has none): counted by kind, no names kept."""
    kinds = [str(m.get("@odata.type") or "").rsplit(".", 1)[-1] for m in members]
    return _doc(
        "azuread_directory_role",
        tenant_id,
        f"directoryRoles/{GLOBAL_ADMINISTRATOR}",
        "Global Administrator",
        {
            "role_template_id": GLOBAL_ADMINISTRATOR,
            "display_name": "Global Administrator",
            "member_count": len(kinds),
            "user_count": sum(1 for k in kinds if k == "user"),
        },
    )
