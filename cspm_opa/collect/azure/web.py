"""App Service apps with their site configuration and diagnostic settings. App
settings and connection strings (which hold secrets) are never requested."""

from __future__ import annotations

from functools import partial
from typing import Any

from cspm_opa.collect.azure._ids import group_and_name
from cspm_opa.collect.azure._part import Context, detail
from cspm_opa.collect.azure._session import to_rest
from cspm_opa.collect.azure.monitor import diagnostic_settings_of
from cspm_opa.normalize.azure import app_service

__all__ = ["collect_web"]


def collect_web(ctx: Context) -> None:
    from azure.mgmt.web import WebSiteManagementClient

    client = ctx.client(WebSiteManagementClient)
    sites = ctx.listing(["azurerm_app_service"], client.web_apps.list)
    for raw in sites or ():
        group, name = group_and_name(raw["id"])
        unknown: list[str] = []
        call = partial(client.web_apps.get_configuration, group, name)
        config = detail(partial(_rest, call), unknown, "site_config")
        diagnostics = detail(
            partial(diagnostic_settings_of, ctx, raw["id"]), unknown, "diagnostic_settings"
        )
        ctx.part.resources.append(app_service(raw, config, diagnostics, unknown=tuple(unknown)))


def _rest(call: Any) -> dict[str, Any]:
    return to_rest(call())
