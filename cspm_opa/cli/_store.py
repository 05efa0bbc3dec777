"""``--store URL`` and ``--fail-on-new SEVERITY``: the options that record a scan in the
history store and judge it by what is new. SQLAlchemy loads only when a store is used."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cspm_opa.cli import _common as c
from cspm_opa.model import Severity

if TYPE_CHECKING:
    from cspm_opa.model import Snapshot
    from cspm_opa.store import Store

ENV_STORE = c.ENV_STORE
store_url = c.store_url


def add_store_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--store",
        metavar="URL",
        help=f"record the scan in this history store: a file path, sqlite:///FILE or "
        f"postgresql://...; adds the delta and first_seen/last_seen (default: {ENV_STORE})",
    )
    p.add_argument(
        "--fail-on-new",
        type=c.severity,
        metavar="SEVERITY",
        help="exit 1 when a FAIL at this severity or above is new since the store's last "
        "scan (without --store, every FAIL is new)",
    )


def open_store_from(args: argparse.Namespace) -> Store | None:
    """Open (and migrate) the store the options name, so that a bad URL or an unreachable
    database fails before any cloud is read; None without one."""
    url = store_url(args)
    if url is None:
        return None
    from cspm_opa.store import open_store

    c.progress(f"history store {_shown(url)}")
    return open_store(url)


def record(
    store: Store | None,
    result: dict[str, Any],
    snapshots: Sequence[Snapshot],
    *,
    kind: str = "scan",
    event_id: str | None = None,
) -> None:
    """Record the result (adding its delta and first/last seen), then close the store."""
    if store is None:
        return
    try:
        scan_id, delta = store.record(
            result, snapshots, kind="event" if kind == "event" else "scan", event_id=event_id
        )
    finally:
        store.close()
    c.progress(
        f"recorded scan {scan_id}: {len(delta.new)} new, {len(delta.resolved)} resolved, "
        f"{len(delta.regressed)} regressed, {delta.unchanged} unchanged"
    )


def exit_for_new(result: dict[str, Any], fail_on_new: Severity | None) -> int:
    """1 when a new FAIL (the delta's, or any FAIL without a store) is at or above
    ``fail_on_new``."""
    if fail_on_new is None:
        return c.EXIT_OK
    delta = result.get("delta")
    new = set(delta["new"]) if delta is not None else None
    hit = any(
        f["status"] == "FAIL"
        and (new is None or f["uid"] in new)
        and Severity(f["severity"]) >= fail_on_new
        for f in result["findings"]
    )
    return c.EXIT_FINDINGS if hit else c.EXIT_OK


def _shown(url: str) -> str:
    from cspm_opa.store import redact

    return redact(url)
