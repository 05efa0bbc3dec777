"""The ``azurerm_subscription`` document: the subscription's own settings, gathered
from the subscriptions, resources, Defender for Cloud and Monitor APIs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cspm_opa.normalize.azure._common import (
    GLOBAL,
    Document,
    Raw,
    flag,
    location,
    props,
    semicolon_list,
)

__all__ = ["auto_provisioning", "defender_plan", "security_contact", "subscription"]

_SEVERITIES = ("Low", "Medium", "High")
_RISK_LEVELS = ("Low", "Medium", "High", "Critical")


def subscription(
    raw: Raw,
    *,
    resource_locations: Iterable[str] = (),
    settings: Mapping[str, Any] | None = None,
    unknown: Iterable[str] = (),
) -> Document:
    """The subscription from its subscriptions-API payload; ``settings`` holds the
    config fields other listings produced (defender_plans, security_contacts, ...),
    and fields in ``unknown`` could not be read (their lists stay empty)."""
    sid = str(raw.get("subscriptionId") or raw["id"].rsplit("/", 1)[-1])
    config: dict[str, Any] = {
        "subscription_id": sid,
        "tenant_id": raw.get("tenantId"),
        "state": str(raw.get("state") or "Enabled"),
        "resource_locations": sorted({location(x) for x in resource_locations} - {GLOBAL}),
        "defender_plans": [],
        "security_contacts": [],
        "auto_provisioning": [],
        "log_profiles": [],
        "system_update_assessments": [],
    }
    config.update(settings or {})
    doc: Document = {
        "id": f"/subscriptions/{sid}",
        "type": "azurerm_subscription",
        "name": str(raw.get("displayName") or sid),
        "region": GLOBAL,
    }
    tags = raw.get("tags")
    if tags:
        doc["tags"] = {str(k): str(v) for k, v in tags.items()}
    if unknown:
        doc["unknown"] = sorted(set(unknown))
    doc["config"] = config
    return doc


def defender_plan(raw: Raw) -> dict[str, Any]:
    """One Defender for Cloud pricing (plan) of the pricings API."""
    p = props(raw)
    extensions = [
        str(e.get("name")) for e in p.get("extensions") or () if flag(e.get("isEnabled"), False)
    ]
    return {
        "name": str(raw.get("name", "")),
        "pricing_tier": "Standard" if p.get("pricingTier") == "Standard" else "Free",
        "sub_plan": p.get("subPlan") or None,
        "enabled_extensions": sorted(extensions),
    }


def _pick(value: Any, allowed: tuple[str, ...]) -> str | None:
    return value if value in allowed else None


def security_contact(raw: Raw) -> dict[str, Any]:
    """A security contact, from the 2023-12-01-preview shape (notificationsSources) or
    the older one (alertNotifications); the phone number is not kept."""
    p = props(raw)
    sources = {str(s.get("sourceType")): s for s in p.get("notificationsSources") or ()}
    alert_severity = _pick((sources.get("Alert") or {}).get("minimalSeverity"), _SEVERITIES)
    legacy = p.get("alertNotifications") or {}
    if not sources and legacy.get("state") == "On":
        alert_severity = _pick(legacy.get("minimalSeverity") or "High", _SEVERITIES)
    by_role = p.get("notificationsByRole") or {}
    roles = [str(r) for r in by_role.get("roles") or ()] if by_role.get("state") == "On" else []
    return {
        "name": str(raw.get("name", "")),
        "is_enabled": flag(p.get("isEnabled"), True),
        "emails": semicolon_list(p.get("emails")) or [],
        "notify_roles": roles,
        "alert_minimal_severity": alert_severity,
        "attack_path_minimal_risk_level": _pick(
            (sources.get("AttackPath") or {}).get("minimalRiskLevel"), _RISK_LEVELS
        ),
    }


def auto_provisioning(raw: Raw) -> dict[str, Any]:
    value = props(raw).get("autoProvision")
    return {"name": str(raw.get("name", "")), "auto_provision": "On" if value == "On" else "Off"}
