"""Entries in the user's cache directory: verified JSON files, written atomically.

The directory is ``$CSPM_OPA_CACHE_DIR``, else ``$XDG_CACHE_HOME/cspm-opa`` (an absolute
XDG path only), else ``~/.cache/cspm-opa``. Each entry holds its format, the key it was
made for and a SHA-256 of its payload; an entry that cannot be read or parsed, or whose
key or digest does not match, is treated as absent, so the caller rebuilds it. Writes go
through a temporary file and a rename, so a reader never sees half an entry, and a
directory that cannot be written costs the cache, never the run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["CACHE_ENV", "cache_dir", "payload_digest", "read_entry", "write_entry"]

CACHE_ENV = "CSPM_OPA_CACHE_DIR"
FORMAT = 1
_log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Where entries live: $CSPM_OPA_CACHE_DIR, $XDG_CACHE_HOME/cspm-opa, ~/.cache/cspm-opa."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "cspm-opa"


def payload_digest(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def read_entry(path: Path, key: str) -> dict[str, Any] | None:
    """The payload of a verified entry, or None (missing, unreadable, corrupt, stale)."""
    try:
        entry = json.loads(path.read_bytes())
        payload = entry["payload"]
        ok = (
            entry.get("format") == FORMAT
            and entry.get("key") == key
            and isinstance(payload, dict)
            and entry.get("digest") == payload_digest(payload)
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not ok:
        _log.debug("cache entry %s does not verify; rebuilding", path)
        return None
    checked: dict[str, Any] = payload
    return checked


def write_entry(path: Path, key: str, payload: dict[str, Any]) -> None:
    """Write an entry atomically; a failure to write is logged (debug) and ignored."""
    entry = {"format": FORMAT, "key": key, "digest": payload_digest(payload), "payload": payload}
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(entry, out)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        _log.debug("cache entry not written to %s: %s", path, exc)
