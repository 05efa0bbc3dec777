"""Azure Monitor: the activity log's diagnostic settings, activity log alerts and legacy
log profiles; and the diagnostic settings of single resources, for other services."""

from __future__ import annotations

from typing import Any

from cspm_opa.collect.azure._part import Context
from cspm_opa.normalize.azure import (
    activity_log_alert,
    log_profile,
    subscription_diagnostic_setting,
)

__all__ = ["DIAGNOSTIC_SETTINGS_API", "collect_monitor", "diagnostic_settings_of"]

DIAGNOSTIC_SETTINGS_API = "2021-05-01-preview"


def diagnostic_settings_of(ctx: Context, resource_id: str) -> list[dict[str, Any]]:
    """The diagnostic settings of one resource (or of the subscription's activity log,
    for ``/subscriptions/<id>``)."""
    path = f"{resource_id}/providers/Microsoft.Insights/diagnosticSettings"
    return list(ctx.session.rest_list(ctx.subscription_id, path, DIAGNOSTIC_SETTINGS_API))


def collect_monitor(ctx: Context) -> None:
    from azure.mgmt.monitor import MonitorManagementClient

    client = ctx.client(MonitorManagementClient)
    settings = ctx.listing(
        ["azurerm_monitor_diagnostic_setting"], lambda: diagnostic_settings_of(ctx, ctx.scope)
    )
    ctx.part.resources.extend(
        subscription_diagnostic_setting(raw, ctx.scope) for raw in settings or ()
    )
    alerts = ctx.listing(
        ["azurerm_monitor_activity_log_alert"], client.activity_log_alerts.list_by_subscription_id
    )
    ctx.part.resources.extend(activity_log_alert(raw) for raw in alerts or ())
    profiles = ctx.setting("log_profiles", lambda: list(client.log_profiles.list()))
    if profiles is not None:
        from cspm_opa.collect.azure._session import to_rest

        ctx.part.settings["log_profiles"] = [log_profile(to_rest(p)) for p in profiles]
