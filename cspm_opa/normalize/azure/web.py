"""App Service apps (Microsoft.Web/sites). App settings and connection strings are
never read, so they cannot leak into a snapshot."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cspm_opa.normalize.azure._common import (
    Document,
    Raw,
    comma_list,
    diagnostic_settings,
    flag,
    managed_identity,
    props,
    resource,
)

__all__ = ["app_service"]


def app_service(
    raw: Raw,
    site_config: Raw | None,
    diagnostics: Iterable[Raw] | None,
    *,
    unknown: tuple[str, ...] = (),
) -> Document:
    """An ``azurerm_app_service`` from a sites item, its ``config/web`` payload and its
    diagnostic settings."""
    p = props(raw)
    config: dict[str, Any] = {
        "kind": str(raw.get("kind") or "app"),
        "state": p.get("state"),
        "https_only": flag(p.get("httpsOnly"), False),
        "client_cert_enabled": flag(p.get("clientCertEnabled"), False),
        "public_network_access": p.get("publicNetworkAccess") or None,
        "identity_type": (raw.get("identity") or {}).get("type"),
        "identity": managed_identity(raw.get("identity")),
        "outbound_ip_addresses": comma_list(p.get("outboundIpAddresses")),
        "site_config": _site_config(site_config) if site_config is not None else None,
        "diagnostic_settings": diagnostic_settings(diagnostics),
    }
    return resource("azurerm_app_service", raw, config, unknown=unknown)


def _site_config(raw: Raw) -> dict[str, Any]:
    p = props(raw)
    return {
        "min_tls_version": p.get("minTlsVersion"),
        "ftps_state": p.get("ftpsState"),
        "http20_enabled": flag(p.get("http20Enabled"), False),
        "remote_debugging_enabled": flag(p.get("remoteDebuggingEnabled"), False),
    }
