"""Azure SQL logical servers and their databases."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cspm_opa.normalize.azure._common import Document, Raw, flag, props, resource

__all__ = ["mssql_database", "mssql_server"]


def mssql_server(
    raw: Raw,
    *,
    auditing: Raw | None,
    firewall_rules: Iterable[Raw] | None,
    administrators: Iterable[Raw] | None,
    encryption_protector: Raw | None,
    unknown: tuple[str, ...] = (),
) -> Document:
    """An ``azurerm_mssql_server`` from a servers item and its detail payloads (None
    where a detail could not be read; name it in ``unknown``). The SQL administrator
    login and password are not copied."""
    p = props(raw)
    admin = next(
        (a for a in administrators or () if props(a).get("administratorType") == "ActiveDirectory"),
        None,
    )
    config: dict[str, Any] = {
        "version": p.get("version"),
        "public_network_access": str(p.get("publicNetworkAccess") or "Enabled"),
        "minimal_tls_version": p.get("minimalTlsVersion") or None,
        "azuread_administrator": _admin(admin) if admin else None,
        "auditing": _auditing(auditing) if auditing is not None else None,
        "firewall_rules": [
            {
                "name": str(rule.get("name", "")),
                "start_ip_address": str(props(rule).get("startIpAddress", "")),
                "end_ip_address": str(props(rule).get("endIpAddress", "")),
            }
            for rule in firewall_rules or ()
        ],
        "encryption_protector": _protector(encryption_protector)
        if encryption_protector is not None
        else None,
    }
    return resource("azurerm_mssql_server", raw, config, unknown=unknown)


def _admin(raw: Raw) -> dict[str, Any]:
    p = props(raw)
    return {
        "login": str(p.get("login", "")),
        "object_id": str(p.get("sid", "")),
        "azuread_only_authentication": flag(p.get("azureADOnlyAuthentication"), False),
    }


def _auditing(raw: Raw) -> dict[str, Any]:
    p = props(raw)
    return {
        "state": "Enabled" if p.get("state") == "Enabled" else "Disabled",
        "retention_days": int(p.get("retentionDays") or 0),
        "azure_monitor_target_enabled": flag(p.get("isAzureMonitorTargetEnabled"), False),
        "storage_target_set": bool(p.get("storageEndpoint")),
    }


def _protector(raw: Raw) -> dict[str, Any]:
    p = props(raw)
    return {
        "server_key_type": "AzureKeyVault"
        if p.get("serverKeyType") == "AzureKeyVault"
        else "ServiceManaged",
        "auto_rotation_enabled": flag(p.get("autoRotationEnabled"), False),
    }


def mssql_database(raw: Raw, server_id: str, tde: Raw | None) -> Document:
    """An ``azurerm_mssql_database``; ``tde`` is its transparentDataEncryption/current
    payload (None if it could not be read, which marks tde_state unknown)."""
    state = props(tde).get("state") if tde is not None else None
    config = {
        "server_id": server_id,
        "sku_name": (raw.get("sku") or {}).get("name"),
        "tde_state": "Enabled" if state == "Enabled" else "Disabled",
    }
    unknown = ("tde_state",) if tde is None else ()
    return resource("azurerm_mssql_database", raw, config, unknown=unknown)
