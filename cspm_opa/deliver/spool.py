"""The spool: deliveries that still failed after their retries, kept as files and sent
again on the next run.

One JSON file per delivery, written atomically (a temporary file renamed into place):
the sink's name and type, the route, and the payload (a digest, or one finding for
Jira). Never a resolved secret: the payload is built from the scan result only, and
secrets are read from the environment again when it is re-sent.
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

__all__ = ["Spool", "SpoolEntry", "default_spool_dir"]

ENV_SPOOL = "CSPM_OPA_SPOOL"


def default_spool_dir() -> Path:
    """CSPM_OPA_SPOOL, else ``cspm-opa/spool`` under the user's cache directory
    ($XDG_CACHE_HOME or ~/.cache; ~/Library/Caches on macOS; %LOCALAPPDATA% on Windows)."""
    if os.environ.get(ENV_SPOOL):
        return Path(os.environ[ENV_SPOOL])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "cspm-opa" / "Cache" / "spool"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "cspm-opa" / "spool"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "cspm-opa" / "spool"


@dataclass(frozen=True)
class SpoolEntry:
    id: str
    sink: str
    type: str
    route: str
    payload: Any
    created: str
    attempts: int
    error: str
    path: Path


class Spool:
    """A directory of spooled deliveries, oldest first."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)

    def put(
        self, *, sink: str, type: str, route: str, payload: Any, error: str, attempts: int = 1
    ) -> SpoolEntry:
        entry_id = uuid.uuid4().hex
        created = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        path = self.directory / f"{created.replace(':', '')}-{entry_id}.json"
        entry = SpoolEntry(entry_id, sink, type, route, payload, created, attempts, error, path)
        self._write(entry)
        return entry

    def retried(self, entry: SpoolEntry, error: str) -> None:
        """Count one more failed attempt at ``entry``, keeping it spooled."""
        self._write(
            SpoolEntry(**{**entry.__dict__, "attempts": entry.attempts + 1, "error": error})
        )

    def remove(self, entry: SpoolEntry) -> None:
        entry.path.unlink(missing_ok=True)

    def entries(self) -> Iterator[SpoolEntry]:
        """Every readable entry, oldest first; unreadable files are skipped (and kept)."""
        if not self.directory.is_dir():
            return
        for path in sorted(self.directory.glob("*.json")):
            try:
                doc = orjson.loads(path.read_bytes())
                yield SpoolEntry(
                    id=doc["id"],
                    sink=doc["sink"],
                    type=doc["type"],
                    route=doc.get("route", ""),
                    payload=doc["payload"],
                    created=doc["created"],
                    attempts=int(doc.get("attempts", 1)),
                    error=doc.get("error", ""),
                    path=path,
                )
            except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                continue

    def _write(self, entry: SpoolEntry) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        body = orjson.dumps(
            {
                "version": 1,
                "id": entry.id,
                "sink": entry.sink,
                "type": entry.type,
                "route": entry.route,
                "created": entry.created,
                "attempts": entry.attempts,
                "error": entry.error,
                "payload": entry.payload,
            },
            option=orjson.OPT_INDENT_2,
        )
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(body)
            os.chmod(tmp, 0o600)
            os.replace(tmp, entry.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
