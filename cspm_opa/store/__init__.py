"""Scan history: every scan recorded with its findings and snapshots, and what changed.

::

    from cspm_opa.store import open_store

    with open_store("sqlite:///history.db") as store:   # or a path, or postgresql://...
        scan_id, delta = store.record(result, snapshots)  # sets first_seen / last_seen
        print(delta.new, delta.resolved)

SQLite (a file path or ``sqlite:///FILE``) is the embedded default; ``postgresql://``
uses PostgreSQL through psycopg 3. The schema is migrated with Alembic on first use.
SQLAlchemy loads only when a store is opened, so ``import cspm_opa`` stays fast.
docs/history.md describes the tables, the delta rules and the API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cspm_opa.store._canonical import canonical_json, snapshot_sha
from cspm_opa.store._url import redact
from cspm_opa.store.delta import Delta

if TYPE_CHECKING:
    from cspm_opa.store._store import Store

__all__ = ["Delta", "Store", "canonical_json", "open_store", "redact", "snapshot_sha"]


def open_store(url: str) -> Store:
    """Open (creating and migrating as needed) the store at ``url``.

    Raises :class:`~cspm_opa.errors.ConfigError` for a URL it cannot use and
    :class:`~cspm_opa.errors.StoreError` (naming the URL, password hidden) when the
    database cannot be reached or migrated.
    """
    from cspm_opa.store._store import open_store as _open

    return _open(url)


def __getattr__(name: str) -> Any:
    if name == "Store":
        from cspm_opa.store._store import Store

        return Store
    raise AttributeError(f"module 'cspm_opa.store' has no attribute {name!r}")
