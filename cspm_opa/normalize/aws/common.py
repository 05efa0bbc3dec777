"""Helpers shared by the AWS normalizers: timestamps, tags, policy documents, envelopes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

__all__ = [
    "GLOBAL",
    "Document",
    "as_list",
    "iso",
    "policy_document",
    "resource",
    "tag_map",
    "unknown_fields",
]

GLOBAL = "global"

Document = dict[str, Any]

# Policy-statement elements that IAM accepts as a string or a list; documents keep lists.
_LIST_ELEMENTS = ("Action", "NotAction", "Resource", "NotResource")
_STATEMENT_KEYS = frozenset(
    {"Sid", "Effect", "Principal", "NotPrincipal", *_LIST_ELEMENTS, "Condition"}
)


def iso(value: Any) -> str | None:
    """An RFC 3339 UTC timestamp (``2026-11-29T10:00:00Z``) from a datetime or an
    ISO 8601 string, or None for None, "" and the credential report's N/A markers."""
    if value is None or value == "" or value in ("N/A", "no_information", "not_supported"):
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if not isinstance(value, datetime):
        raise TypeError(f"not a timestamp: {value!r}")
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    stamp: str = value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return stamp


def tag_map(tags: Iterable[Mapping[str, Any]] | None) -> dict[str, str]:
    """AWS's ``[{"Key": k, "Value": v}]`` tag lists (any key capitalization) as a dict."""
    out: dict[str, str] = {}
    for tag in tags or ():
        key = tag.get("Key", tag.get("key"))
        if isinstance(key, str):
            out[key] = str(tag.get("Value", tag.get("value", "")))
    return out


def as_list(value: Any) -> list[Any]:
    """A list for a list, [] for None, and a one-item list for anything else."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def policy_document(raw: Any) -> dict[str, Any] | None:
    """A policy document in the schema's normal form (aws_policy_document): Statement a
    list, Action/NotAction/Resource/NotResource lists, unknown keys dropped.

    ``raw`` may be a mapping, JSON text, or URL-encoded JSON text (as IAM returns it);
    None and "" give None.
    """
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        text = raw if raw.lstrip().startswith("{") else unquote(raw)
        raw = json.loads(text)
    if not isinstance(raw, Mapping):
        raise ValueError("a policy document is a JSON object")
    doc: dict[str, Any] = {}
    if isinstance(raw.get("Version"), str):
        doc["Version"] = raw["Version"]
    if isinstance(raw.get("Id"), str):
        doc["Id"] = raw["Id"]
    doc["Statement"] = [_statement(s) for s in as_list(raw.get("Statement"))]
    return doc


def _statement(raw: Mapping[str, Any]) -> dict[str, Any]:
    stmt = {k: v for k, v in raw.items() if k in _STATEMENT_KEYS}
    for key in _LIST_ELEMENTS:
        if key in stmt:
            stmt[key] = [str(v) for v in as_list(stmt[key])]
    if "Sid" in stmt and not isinstance(stmt["Sid"], str):
        stmt["Sid"] = str(stmt["Sid"])
    return stmt


def unknown_fields(failed: Mapping[str, str], fields_of: Mapping[str, Iterable[str]]) -> list[str]:
    """The config fields fed by the failed operations, sorted and without duplicates."""
    return sorted({f for op in failed for f in fields_of.get(op, ())})


def resource(
    rtype: str,
    rid: str,
    name: str,
    region: str,
    config: Mapping[str, Any],
    *,
    tags: Mapping[str, str] | None = None,
    unknown: Iterable[str] = (),
) -> Document:
    """A resource document: the envelope every schemas/resources/<type>.json shares."""
    doc: Document = {"id": rid, "type": rtype, "name": name, "region": region}
    if tags:
        doc["tags"] = dict(tags)
    missing = sorted(set(unknown))
    if missing:
        doc["unknown"] = missing
    doc["config"] = dict(config)
    return doc
