"""Shared pieces of the Azure normalizers: ARM ids, locations, timestamps, and the
sub-objects (private endpoints, diagnostic settings) that several resource types carry.

Every function takes the REST shape of azure-rest-api-specs (camelCase, ``properties``
nested), which is what the fake cloud serves and what the SDK models serialize back to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "GLOBAL",
    "Document",
    "Raw",
    "comma_list",
    "diagnostic_settings",
    "flag",
    "location",
    "managed_identity",
    "private_endpoints",
    "props",
    "resource",
    "semicolon_list",
    "timestamp",
]

Raw = Mapping[str, Any]
Document = dict[str, Any]

GLOBAL = "global"
"""The region of subscription-wide settings and global resources."""


def props(raw: Raw | None) -> Raw:
    """The ``properties`` of an ARM payload, or an empty mapping."""
    if not raw:
        return {}
    value = raw.get("properties")
    return value if isinstance(value, Mapping) else {}


def location(value: str | None) -> str:
    """ARM locations in one spelling: "East US" and "eastus" are both "eastus"."""
    if not value:
        return GLOBAL
    return value.replace(" ", "").lower()


def timestamp(value: Any) -> str | None:
    """An RFC 3339 UTC timestamp from what ARM returns: epoch seconds (Key Vault
    attributes), ISO strings, or datetimes (deserialized SDK models)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        moment = datetime.fromtimestamp(value, tz=UTC)
    elif isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    else:
        text = str(value).replace("Z", "+00:00")
        moment = datetime.fromisoformat(text)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def semicolon_list(value: Any) -> list[str] | None:
    """ARM writes some lists as "a;b;c" strings; None when unset."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return [str(v) for v in value]


def comma_list(value: Any) -> list[str]:
    """ "AzureServices, Logging" -> ["AzureServices", "Logging"]; "None" -> []."""
    if not value:
        return []
    items = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    return [item.strip() for item in items if item.strip() and item.strip() != "None"]


def managed_identity(identity: Raw | None) -> dict[str, Any] | None:
    """A resource's managed identity as ``{type, principal_id}`` (the system-assigned
    principal; None when there is none), or None without an identity. The principal id
    names an Entra object, it is no secret."""
    if not identity:
        return None
    kind = str(identity.get("type") or "None")
    if kind == "None":
        return None
    principal = identity.get("principalId")
    return {"type": kind, "principal_id": str(principal) if principal else None}


def private_endpoints(connections: Iterable[Raw] | None) -> list[dict[str, str]]:
    """Private endpoint connections as ``{"id", "status"}``."""
    out = []
    for connection in connections or ():
        state = props(connection).get("privateLinkServiceConnectionState") or {}
        out.append({"id": str(connection.get("id", "")), "status": str(state.get("status", ""))})
    return out


def diagnostic_settings(settings: Iterable[Raw] | None) -> list[Document]:
    """Resource diagnostic settings: destinations and enabled log categories."""
    out = []
    for setting in settings or ():
        p = props(setting)
        out.append(
            {
                "name": str(setting.get("name", "")),
                "storage_account_id": p.get("storageAccountId") or None,
                "workspace_id": p.get("workspaceId") or None,
                "event_hub_authorization_rule_id": p.get("eventHubAuthorizationRuleId") or None,
                "logs": _logs(p.get("logs")),
            }
        )
    return out


def _logs(logs: Iterable[Raw] | None) -> list[dict[str, Any]]:
    return [
        {
            "category": log.get("category") or None,
            "category_group": log.get("categoryGroup") or None,
            "enabled": bool(log.get("enabled")),
        }
        for log in logs or ()
    ]


def resource(
    rtype: str,
    raw: Raw,
    config: Mapping[str, Any],
    *,
    unknown: Sequence[str] = (),
    region: str | None = None,
) -> Document:
    """The resource document envelope around ``config``; ``unknown`` names the config
    fields that could not be read (their values are placeholders)."""
    doc: Document = {
        "id": str(raw["id"]),
        "type": rtype,
        "name": str(raw.get("name") or raw["id"].rstrip("/").rsplit("/", 1)[-1]),
        "region": region or location(raw.get("location")),
    }
    tags = raw.get("tags")
    if tags:
        doc["tags"] = {str(k): str(v) for k, v in tags.items()}
    if unknown:
        doc["unknown"] = sorted(set(unknown))
    doc["config"] = dict(config)
    return doc


def flag(value: Any, default: bool) -> bool:
    """A boolean ARM property, with the API's documented default when it is unset.
    Some newer APIs write booleans as "True"/"False" strings."""
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)
