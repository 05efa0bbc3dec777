"""Azure Monitor: subscription activity log diagnostic settings and activity log alerts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cspm_opa.normalize.azure._common import GLOBAL, Document, Raw, flag, props, resource

__all__ = ["activity_log_alert", "log_profile", "log_profiles", "subscription_diagnostic_setting"]


def subscription_diagnostic_setting(raw: Raw, subscription_id: str) -> Document:
    """An ``azurerm_monitor_diagnostic_setting`` exporting the activity log of the
    subscription ``/subscriptions/<id>``."""
    p = props(raw)
    config = {
        "target_resource_id": subscription_id,
        "storage_account_id": p.get("storageAccountId") or None,
        "workspace_id": p.get("workspaceId") or None,
        "event_hub_authorization_rule_id": p.get("eventHubAuthorizationRuleId") or None,
        "event_hub_name": p.get("eventHubName") or None,
        "logs": [
            {
                "category": log.get("category") or None,
                "category_group": log.get("categoryGroup") or None,
                "enabled": bool(log.get("enabled")),
            }
            for log in p.get("logs") or ()
        ],
    }
    return resource("azurerm_monitor_diagnostic_setting", raw, config, region=GLOBAL)


def _leaf(condition: Raw) -> dict[str, Any]:
    contains = condition.get("containsAny")
    return {
        "field": condition.get("field"),
        "equals": condition.get("equals"),
        "contains_any": [str(v) for v in contains] if contains is not None else None,
    }


def activity_log_alert(raw: Raw) -> Document:
    """An ``azurerm_monitor_activity_log_alert``: allOf conditions, each a leaf or an
    anyOf of leaves."""
    p = props(raw)
    conditions = []
    for condition in (p.get("condition") or {}).get("allOf") or ():
        conditions.append(
            {**_leaf(condition), "any_of": [_leaf(c) for c in condition.get("anyOf") or ()]}
        )
    groups = (p.get("actions") or {}).get("actionGroups") or ()
    config = {
        "enabled": flag(p.get("enabled"), True),
        "scopes": [str(s) for s in p.get("scopes") or ()],
        "conditions": conditions,
        "action_group_ids": [str(g.get("actionGroupId", "")) for g in groups],
    }
    return resource("azurerm_monitor_activity_log_alert", raw, config, region=GLOBAL)


def log_profile(raw: Raw) -> dict[str, Any]:
    """A legacy log profile, as an entry of the subscription's ``log_profiles``."""
    p = props(raw)
    retention = p.get("retentionPolicy") or {}
    return {
        "name": str(raw.get("name", "")),
        "categories": [str(c) for c in p.get("categories") or ()],
        "locations": [str(c) for c in p.get("locations") or ()],
        "retention_enabled": flag(retention.get("enabled"), False),
        "retention_days": int(retention.get("days") or 0),
        "storage_account_id": p.get("storageAccountId") or None,
    }


def log_profiles(raws: Iterable[Raw]) -> list[dict[str, Any]]:
    return [log_profile(raw) for raw in raws]
