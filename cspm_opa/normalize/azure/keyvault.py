"""Key vaults with the metadata of their keys and secrets.

Secret values never enter a document: only names, the enabled flag and dates are copied,
whatever else the payload carries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cspm_opa.normalize.azure._common import (
    Document,
    Raw,
    diagnostic_settings,
    flag,
    private_endpoints,
    props,
    resource,
    timestamp,
)

__all__ = ["key_vault"]


def key_vault(
    raw: Raw,
    keys: Iterable[Raw] | None,
    secrets: Iterable[Raw] | None,
    diagnostics: Iterable[Raw] | None,
    *,
    unknown: tuple[str, ...] = (),
) -> Document:
    """An ``azurerm_key_vault`` from a vaults item, its keys and secrets listings
    (management plane) and its diagnostic settings. Soft delete counts as on when
    unset: it has been on for every vault since 2020 and can no longer be turned off."""
    p = props(raw)
    acls = p.get("networkAcls")
    retention = p.get("softDeleteRetentionInDays")
    config: dict[str, Any] = {
        "sku_name": str((p.get("sku") or {}).get("name") or "standard"),
        "enable_rbac_authorization": flag(p.get("enableRbacAuthorization"), False),
        "soft_delete_enabled": flag(p.get("enableSoftDelete"), True),
        "purge_protection_enabled": flag(p.get("enablePurgeProtection"), False),
        "soft_delete_retention_days": int(retention) if retention else None,
        "public_network_access": str(p.get("publicNetworkAccess") or "Enabled"),
        "network_acls": (
            {
                "default_action": "Deny" if acls.get("defaultAction") == "Deny" else "Allow",
                "bypass": str(acls.get("bypass") or "None"),
            }
            if acls
            else None
        ),
        "private_endpoint_connections": private_endpoints(p.get("privateEndpointConnections")),
        "keys": [_key(k) for k in keys or ()],
        "secrets": [_secret(s) for s in secrets or ()],
        "diagnostic_settings": diagnostic_settings(diagnostics),
    }
    return resource("azurerm_key_vault", raw, config, unknown=unknown)


def _dates(item: Raw) -> dict[str, Any]:
    attributes = props(item).get("attributes") or {}
    return {
        "name": str(item.get("name", "")),
        "enabled": flag(attributes.get("enabled"), True),
        "expires": timestamp(attributes.get("exp")),
        "created": timestamp(attributes.get("created")),
    }


def _key(item: Raw) -> dict[str, Any]:
    policy = props(item).get("rotationPolicy") or {}
    rotates = any(
        str((action.get("action") or {}).get("type", "")).lower() == "rotate"
        for action in policy.get("lifetimeActions") or ()
    )
    return {**_dates(item), "auto_rotate": rotates}


def _secret(item: Raw) -> dict[str, Any]:
    return _dates(item)
