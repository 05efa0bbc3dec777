"""Azure: Event Grid resource events (``Microsoft.Resources.ResourceWriteSuccess`` and
``ResourceDeleteSuccess``, with ``data.resourceUri``) in the EventGridEvent or the
CloudEvents 1.0 schema, single or batched; and Activity Log records as diagnostic
settings export them (``{"records": [...]}`` with ``operationName`` and ``resourceId``).

The touched resource is the one the ARM id names, or, for a child (a storage account's
blob service, a SQL server's firewall rule), its parent of a checked type. A setting
attached to a resource (``.../providers/Microsoft.Insights/diagnosticSettings/x``)
touches both. Subscription-level security settings (Defender plans, security contacts)
touch ``azurerm_subscription``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from cspm_opa.errors import InputError
from cspm_opa.events._model import ChangeEvent, Touched

__all__ = ["TYPES", "parse_azure", "touched_by"]

WRITE = "Microsoft.Resources.ResourceWriteSuccess"
DELETE = "Microsoft.Resources.ResourceDeleteSuccess"
_SUBSCRIPTION = re.compile(r"^/subscriptions/([^/]+)", re.IGNORECASE)

TYPES: dict[str, str] = {
    "microsoft.storage/storageaccounts": "azurerm_storage_account",
    "microsoft.keyvault/vaults": "azurerm_key_vault",
    "microsoft.network/networksecuritygroups": "azurerm_network_security_group",
    "microsoft.network/networkwatchers/flowlogs": "azurerm_network_watcher_flow_log",
    "microsoft.network/networkwatchers": "azurerm_network_watcher",
    "microsoft.network/networkinterfaces": "azurerm_network_interface",
    "microsoft.network/publicipaddresses": "azurerm_public_ip",
    "microsoft.network/bastionhosts": "azurerm_bastion_host",
    "microsoft.compute/virtualmachines": "azurerm_virtual_machine",
    "microsoft.compute/disks": "azurerm_managed_disk",
    "microsoft.sql/servers/databases": "azurerm_mssql_database",
    "microsoft.sql/servers": "azurerm_mssql_server",
    "microsoft.web/sites": "azurerm_app_service",
    "microsoft.databricks/workspaces": "azurerm_databricks_workspace",
    "microsoft.insights/components": "azurerm_application_insights",
    "microsoft.insights/activitylogalerts": "azurerm_monitor_activity_log_alert",
    "microsoft.insights/diagnosticsettings": "azurerm_monitor_diagnostic_setting",
    "microsoft.authorization/roleassignments": "azurerm_role_assignment",
    "microsoft.authorization/roledefinitions": "azurerm_role_definition",
}
"""ARM resource type (lower case, nested types joined by /) -> snapshot type."""

SUBSCRIPTION_FIELDS: dict[str, str] = {
    "microsoft.security/pricings": "defender_plans",
    "microsoft.security/securitycontacts": "security_contacts",
}


def touched_by(resource_id: str, *, deleted: bool = False) -> list[Touched]:
    """The checked resources an ARM id names: itself or its nearest checked ancestor,
    and the resource a ``/providers/`` extension (diagnostic setting, role assignment)
    is attached to."""
    rid = resource_id.rstrip("/")
    sections = re.split(r"/providers/", rid, flags=re.IGNORECASE)
    out: list[Touched] = []
    for i in range(len(sections) - 1, 0, -1):
        scope = "/providers/".join(sections[:i])
        found = _in_section(scope, sections[i], deleted=deleted and i == len(sections) - 1)
        if found is not None:
            out.append(found)
        deleted = False  # an extension's deletion leaves its parent in place
    if not out and len(sections) == 1 and re.fullmatch(r"/subscriptions/[^/]+", rid, re.I):
        out.append(Touched("azurerm_subscription", id=rid))
    return out


def _in_section(scope: str, section: str, *, deleted: bool) -> Touched | None:
    parts = section.split("/")
    if len(parts) < 3:
        return None
    namespace, rest = parts[0], parts[1:]
    types, names = rest[0::2], rest[1::2]
    for depth in range(min(len(types), len(names)), 0, -1):
        arm_type = "/".join([namespace, *types[:depth]]).lower()
        rid = f"{scope}/providers/{namespace}/" + "/".join(
            f"{t}/{n}" for t, n in zip(types[:depth], names[:depth], strict=True)
        )
        if arm_type in TYPES:
            whole = depth == min(len(types), len(names))
            return Touched(TYPES[arm_type], id=rid, name=names[depth - 1],
                           deleted=deleted and whole)  # fmt: skip
        if arm_type in SUBSCRIPTION_FIELDS:
            sub = _SUBSCRIPTION.match(scope)
            sid = f"/subscriptions/{sub.group(1)}" if sub else None
            return Touched("azurerm_subscription", id=sid,
                           fields=frozenset({SUBSCRIPTION_FIELDS[arm_type]}))  # fmt: skip
    return None


def parse_azure(payload: Any) -> ChangeEvent:
    """The change an Event Grid event (or batch), CloudEvent (or batch), or exported
    Activity Log describes; a batch's resources are merged into one change."""
    if isinstance(payload, Mapping) and isinstance(payload.get("records"), list):
        return _activity_log(payload["records"])
    items = payload if isinstance(payload, list) else [payload]
    if not items or not all(isinstance(i, Mapping) for i in items):
        raise InputError("an Azure event is an Event Grid event, a CloudEvent, a list of "
                         'them, or an Activity Log export ({"records": [...]})')  # fmt: skip
    return _merge([_grid(i) for i in items])


def _grid(item: Mapping[str, Any]) -> ChangeEvent:
    kind = item.get("eventType") or item.get("type")
    if not isinstance(kind, str):
        raise InputError('not an Event Grid event or CloudEvent: no "eventType" or "type"')
    found = item.get("data")
    data: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    uri = str(data.get("resourceUri") or item.get("subject") or "")
    sub = _SUBSCRIPTION.match(uri)
    account = str(data.get("subscriptionId") or (sub.group(1) if sub else "")) or None
    event = ChangeEvent(
        provider="azure",
        id=str(item.get("id") or ""),
        source=f"{kind} {data.get('operationName') or ''}".strip(),
        account=account,
        time=item.get("eventTime") or item.get("time"),
        raw=item,
    )
    if kind not in (WRITE, DELETE):
        return replace(event, ignored=f"{kind} is not a resource write or delete")
    if not uri:
        return replace(event, ignored="the event names no data.resourceUri")
    touched = touched_by(uri, deleted=kind == DELETE)
    if not touched:
        return replace(event, ignored=f"{uri} is not a resource type checked")
    return replace(event, touched=tuple(touched))


_OK = {"success", "succeeded"}


def _activity_log(records: Sequence[Any]) -> ChangeEvent:
    events = []
    for record in records:
        if not isinstance(record, Mapping):
            raise InputError("an Activity Log record is a JSON object")
        op = str(record.get("operationName") or "")
        if isinstance(record.get("operationName"), Mapping):
            op = str(record["operationName"].get("value") or "")
        rid = str(record.get("resourceId") or "")
        sub = _SUBSCRIPTION.match(rid)
        event = ChangeEvent(
            provider="azure",
            id=str(record.get("correlationId") or record.get("eventDataId") or ""),
            source=op,
            account=sub.group(1) if sub else None,
            time=record.get("time"),
            raw=record,
        )
        result = str(record.get("resultType") or record.get("status") or "Success").lower()
        verb = op.rsplit("/", 1)[-1].lower()
        if result not in _OK:
            events.append(replace(event, ignored=f"{op} did not succeed ({result})"))
        elif verb not in ("write", "delete"):
            events.append(replace(event, ignored=f"{op} neither writes nor deletes"))
        else:
            touched = touched_by(rid, deleted=verb == "delete")
            why = None if touched else f"{rid} is not a resource type checked"
            events.append(replace(event, touched=tuple(touched), ignored=why))
    if not events:
        raise InputError('the Activity Log export holds no "records"')
    return _merge(events)


def _merge(events: Sequence[ChangeEvent]) -> ChangeEvent:
    """One change from a batch: every mapped resource, the first event's id and account."""
    mapped = [e for e in events if not e.ignored]
    if not mapped:
        return events[0] if len(events) == 1 else replace(
            events[0], ignored="; ".join(dict.fromkeys(str(e.ignored) for e in events))
        )  # fmt: skip
    accounts = {e.account for e in mapped if e.account}
    if len(accounts) > 1:
        raise InputError(f"the batch spans subscriptions {', '.join(sorted(accounts))}: "
                         "send one event per subscription")  # fmt: skip
    touched = tuple(dict.fromkeys(t for e in mapped for t in e.touched))
    first = mapped[0]
    ids = list(dict.fromkeys(e.id for e in mapped if e.id))
    return replace(first, id=",".join(ids)[:500], touched=touched)
