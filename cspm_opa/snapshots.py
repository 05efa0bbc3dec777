"""Reading, validating and writing snapshot files."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cspm_opa import _json
from cspm_opa.errors import SnapshotError
from cspm_opa.model import Snapshot
from cspm_opa.schemas import SchemaStore, default_store

__all__ = ["load_snapshot", "snapshot_filename", "snapshot_from_dict", "write_snapshot"]


def snapshot_from_dict(
    document: Mapping[str, Any], *, source: str = "<memory>", store: SchemaStore | None = None
) -> Snapshot:
    """Validate ``document`` and wrap it; raise :class:`SnapshotError` listing every issue."""
    issues = (store or default_store()).snapshot_issues(document)
    if issues:
        noun = "issue" if len(issues) == 1 else "issues"
        raise SnapshotError(source, f"invalid snapshot ({len(issues)} {noun})", tuple(issues))
    return Snapshot(
        document=document,
        provider=document["provider"],
        account_id=document["account"]["id"],
        taken_at=document["taken_at"],
        source=source,
    )


def load_snapshot(path: str | os.PathLike[str], *, store: SchemaStore | None = None) -> Snapshot:
    """Read a snapshot file, validate it, and return it."""
    source = os.fspath(path)
    try:
        text = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SnapshotError(source, f"cannot read snapshot: {exc}") from exc
    try:
        document = _json.loads(text)
    except _json.JSONDecodeError as exc:
        raise SnapshotError(
            source, f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from exc
    if not isinstance(document, dict):
        raise SnapshotError(source, f"a snapshot is a JSON object, not {type(document).__name__}")
    return snapshot_from_dict(document, source=source, store=store)


def snapshot_filename(snapshot: Snapshot) -> str:
    """``<provider>-<account>.json``, as --snapshot-out writes it."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in snapshot.account_id)
    return f"{snapshot.provider}-{safe}.json"


def write_snapshot(snapshot: Snapshot, directory: str | os.PathLike[str]) -> Path:
    """Write ``snapshot`` into ``directory`` under :func:`snapshot_filename`, one resource
    a line (:mod:`cspm_opa.snapshot_lines`: still one JSON document, and readable a part
    at a time), resources sorted by type and id."""
    from cspm_opa.snapshot_lines import dump_lines, write_lines

    doc = snapshot.document
    ordered = {**doc, "resources": {t: dict(sorted(doc["resources"][t].items()))
                                    for t in doc["resources"]}}  # fmt: skip
    return write_lines(dump_lines(ordered), Path(directory) / snapshot_filename(snapshot))
