"""Helpers shared by the GCP normalizers.

Input is a Cloud Asset Inventory asset as the REST API writes it (camelCase JSON:
``{"name", "assetType", "resource": {"data", "location", "parent"}, "iamPolicy",
"ancestors"}``), which is also what ``gcloud asset list --format=json`` prints. The
``resource.data`` of an asset is the resource as its own API returns it, with one quirk:
it travels as a protobuf Struct, so every number arrives as a float.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "Asset",
    "Document",
    "as_bool",
    "as_int",
    "bindings",
    "compute_path",
    "data_of",
    "document",
    "duration_seconds",
    "labels",
    "last_segment",
    "region_of",
    "strings",
]

Asset = Mapping[str, Any]
Document = dict[str, Any]

GLOBAL = "global"
_ZONE = re.compile(r"^([a-z]+-[a-z]+[0-9]+)-[a-z]$")
_DURATION = re.compile(r"^([0-9]+)(?:\.[0-9]+)?s$")


def data_of(asset: Asset) -> Mapping[str, Any]:
    """The resource payload of an asset (empty when the asset carries none)."""
    resource = asset.get("resource") or {}
    data = resource.get("data") or {}
    return data if isinstance(data, Mapping) else {}


def last_segment(path: str | None) -> str:
    """``projects/p/zones/us-central1-a`` -> ``us-central1-a``; URLs work the same."""
    return (path or "").rstrip("/").rsplit("/", 1)[-1]


def compute_path(url: str | None) -> str:
    """A Compute Engine reference in one canonical form, ``projects/<p>/...``.

    The APIs write the same network as ``https://www.googleapis.com/compute/v1/projects/
    p/global/networks/n``, ``https://compute.googleapis.com/compute/beta/projects/...``
    or ``projects/p/global/networks/n``; checks compare references, so they must agree.
    """
    text = url or ""
    at = text.find("projects/")
    return text[at:] if at >= 0 else text


def region_of(location: str | None) -> str:
    """A resource's region: zones map to their region, no location means global."""
    loc = (location or "").strip().lower()
    if not loc:
        return GLOBAL
    loc = last_segment(loc)
    match = _ZONE.match(loc)
    return match.group(1) if match else loc


def labels(data: Mapping[str, Any]) -> dict[str, str]:
    raw = data.get("labels") or {}
    return {str(k): str(v) for k, v in raw.items()}


def as_int(value: Any) -> int | None:
    """Struct numbers are floats and int64 fields are strings; both become ints."""
    if value is None or value == "":
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def as_bool(value: Any) -> bool | None:
    """Metadata and flag values: "true"/"TRUE"/"1"/True -> True; absent -> None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off", ""):
        return False
    return None


def duration_seconds(value: Any) -> int | None:
    """A protobuf Duration as JSON (``"7776000s"``) -> whole seconds."""
    if value is None:
        return None
    match = _DURATION.match(str(value).strip())
    return int(match.group(1)) if match else None


def bindings(policy: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """IAM policy bindings as the schemas hold them, condition included when set."""
    out: list[dict[str, Any]] = []
    for binding in (policy or {}).get("bindings") or ():
        condition = binding.get("condition")
        out.append(
            {
                "role": str(binding.get("role", "")),
                "members": [str(m) for m in binding.get("members") or ()],
                "condition": (
                    {
                        "title": str(condition.get("title", "")),
                        "expression": str(condition.get("expression", "")),
                    }
                    if condition
                    else None
                ),
            }
        )
    return out


def document(
    asset: Asset,
    rtype: str,
    config: Mapping[str, Any],
    *,
    name: str | None = None,
    region: str | None = None,
    tags: Mapping[str, str] | None = None,
) -> Document:
    """A resource document keyed by the asset's full resource name."""
    data = data_of(asset)
    location = (asset.get("resource") or {}).get("location")
    doc: Document = {
        "id": str(asset["name"]),
        "type": rtype,
        "name": name if name is not None else str(data.get("name") or last_segment(asset["name"])),
        "region": region if region is not None else region_of(location),
    }
    tag_values = labels(data) if tags is None else dict(tags)
    if tag_values:
        doc["tags"] = tag_values
    doc["config"] = dict(config)
    return doc


def strings(values: Sequence[Any] | None) -> list[str]:
    return [str(v) for v in values or ()]
