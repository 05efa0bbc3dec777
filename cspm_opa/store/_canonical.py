"""Canonical JSON for content addressing: the same document always hashes the same."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import orjson

__all__ = ["canonical_json", "snapshot_sha"]


def canonical_json(doc: Mapping[str, Any]) -> bytes:
    """``doc`` as UTF-8 JSON with sorted keys and no whitespace (the bytes of
    ``json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)``)."""
    return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)


def snapshot_sha(doc: Mapping[str, Any]) -> str:
    """The sha256 (hex) of ``doc``'s canonical JSON: the key a snapshot is stored under."""
    return hashlib.sha256(canonical_json(doc)).hexdigest()
