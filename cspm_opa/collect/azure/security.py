"""Microsoft Defender for Cloud: plans (pricings), security contacts,
auto-provisioning and the system-updates assessments, which become fields of the
subscription document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cspm_opa.collect.azure._part import Context
from cspm_opa.collect.azure._session import to_rest
from cspm_opa.normalize.azure import (
    auto_provisioning,
    defender_plan,
    security_contact,
    system_update_assessment,
)

__all__ = ["ASSESSMENTS_API", "SECURITY_CONTACTS_API", "collect_security"]

ASSESSMENTS_API = "2020-01-01"
"""Microsoft.Security/assessments: Defender's recommendations per resource and status
(the system-updates ones answer CIS Azure 9.1.10)."""

SECURITY_CONTACTS_API = "2023-12-01-preview"
"""The first API version with attack path notifications (notificationsSources)."""


def collect_security(ctx: Context) -> None:
    from azure.mgmt.security import SecurityCenter

    client = ctx.client(SecurityCenter)
    scope = ctx.scope.lstrip("/")
    _setting(ctx, "defender_plans", lambda: client.pricings.list(scope), defender_plan)
    _setting(
        ctx,
        "security_contacts",
        lambda: ctx.session.rest_list(
            ctx.subscription_id,
            f"{ctx.scope}/providers/Microsoft.Security/securityContacts",
            SECURITY_CONTACTS_API,
        ),
        security_contact,
    )
    _setting(ctx, "auto_provisioning", client.auto_provisioning_settings.list, auto_provisioning)
    assessments = ctx.setting(
        "system_update_assessments",
        lambda: list(
            ctx.session.rest_list(
                ctx.subscription_id,
                f"{ctx.scope}/providers/Microsoft.Security/assessments",
                ASSESSMENTS_API,
            )
        ),
    )
    if assessments is not None:
        kept = (system_update_assessment(to_rest(a)) for a in assessments)
        ctx.part.settings["system_update_assessments"] = sorted(
            (a for a in kept if a is not None),
            key=lambda a: (str(a["resource_id"] or ""), a["key"]),
        )


def _setting(
    ctx: Context,
    name: str,
    call: Callable[[], Any],
    normalize: Callable[[dict[str, Any]], dict[str, Any]],
) -> None:
    items = ctx.setting(name, lambda: [to_rest(i) for i in _items(call())])
    if items is not None:
        ctx.part.settings[name] = [normalize(i) for i in items]


def _items(result: Any) -> Any:
    """Pricings come back as a list wrapper (``value``) in some API versions."""
    value = getattr(result, "value", None)
    return value if isinstance(value, list) else result
