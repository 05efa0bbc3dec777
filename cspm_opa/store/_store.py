"""The history store over SQLAlchemy: SQLite by default, PostgreSQL for teams.

Writers are serialized: every write transaction holds a lock (``pg_advisory_xact_lock``
on PostgreSQL; ``BEGIN IMMEDIATE`` on SQLite), so two scans recorded at once each see the
other's state, in one order or the other, and nothing is lost. Migrations on first use
take the same kind of lock, so concurrent first uses migrate once.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

import orjson
from sqlalchemy import Engine, create_engine, event, func, insert, select, text, update
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session

from cspm_opa.errors import ConfigError, StoreError
from cspm_opa.model import Snapshot
from cspm_opa.store._canonical import canonical_json, snapshot_sha
from cspm_opa.store._models import (
    BaselineRow,
    FindingRow,
    FindingState,
    ScanRow,
    ScanSnapshot,
    SnapshotBlob,
    TicketRow,
)
from cspm_opa.store._rows import (
    _account_filter,
    _aware,
    _finding_row,
    _format_time,
    _state,
)
from cspm_opa.store._trends import FindingTimeline, fail_timelines
from cspm_opa.store._url import database_url, redact
from cspm_opa.store.delta import Delta, KnownState, Reach, compute_delta, next_status

if TYPE_CHECKING:
    from cspm_opa.store._streamed import ScanWriter, StreamedSnapshot

__all__ = ["Store", "open_store"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock keys: one for migrations, one for writes ("cspm" + 1, 2).
_MIGRATE_LOCK = 0x6373_706D_0001
_WRITE_LOCK = 0x6373_706D_0002
SQLITE_BUSY_TIMEOUT = 300.0
"""Seconds a SQLite writer waits for another to finish."""

SnapshotLike = Snapshot | Mapping[str, Any]
Kind = Literal["scan", "event"]


def open_store(url: str) -> Store:
    """Open the store at ``url`` (a path, ``sqlite:///FILE`` or ``postgresql://...``),
    creating it or upgrading its schema to this version's head."""
    target = database_url(url)
    shown = redact(url)
    engine = _engine(target, shown)
    try:
        _upgrade(engine, shown)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, shown)


class Store:
    """Recorded scans, their findings and snapshots, baselines. Thread-safe; close it
    (or use it as a context manager) when done."""

    def __init__(self, engine: Engine, url: str) -> None:
        self._engine = engine
        self.url = url
        """The store's URL as given, password hidden."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._engine.dispose()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- writing ---------------------------------------------------------------------

    def record(
        self,
        result: dict[str, Any],
        snapshots: Sequence[SnapshotLike],
        *,
        kind: Kind = "scan",
        event_id: str | None = None,
        evaluated: Iterable[tuple[str, str, str, str]] = (),
    ) -> tuple[int, Delta]:
        """Record a scan result and the snapshots it evaluated; return its id and delta.

        Sets ``result["delta"]`` and each finding's ``first_seen`` and ``last_seen``.
        ``kind="event"`` marks a partial evaluation: it resolves findings only on the
        resources its snapshots hold, plus ``evaluated`` ((provider, account, type, id)
        of resources it looked at and found deleted, say).
        """
        if kind not in ("scan", "event"):
            raise ValueError(f"kind must be 'scan' or 'event', not {kind!r}")
        docs = [s.document if isinstance(s, Snapshot) else s for s in snapshots]
        accounts = {(str(d["provider"]), str(d["account"]["id"])): d for d in docs}
        findings: list[dict[str, Any]] = result["findings"]
        policies = result.get("policies")
        reach = Reach(
            full=kind == "scan",
            accounts=accounts,
            resources=frozenset(evaluated),
            policies=frozenset(p["id"] for p in policies) if policies is not None else None,
        )
        generated = _parse_time(result["generated_at"])
        with self._write() as session:
            previous = session.scalar(
                select(func.max(ScanSnapshot.scan_id)).where(
                    _account_filter(ScanSnapshot, accounts)
                )
            )
            known = self._known(session, accounts, findings)
            delta = compute_delta(findings, known, reach, previous)
            scan = ScanRow(
                generated_at=generated,
                recorded_at=datetime.now(UTC).replace(microsecond=0),
                kind=kind,
                event_id=event_id,
                posture_score=result.get("posture_score"),
                compliance={k: v.get("percent") for k, v in result.get("compliance", {}).items()},
                counts=_counts(result),
                previous_scan=previous,
                new=len(delta.new),
                resolved=len(delta.resolved),
                regressed=len(delta.regressed),
                unchanged=delta.unchanged,
            )
            session.add(scan)
            session.flush()
            scan_id = scan.id
            shas = _put_snapshots(session, docs)
            session.execute(
                insert(ScanSnapshot),
                [
                    {"scan_id": scan_id, "provider": p, "account": a, "sha256": sha}
                    for (p, a), sha in zip(accounts, shas, strict=True)
                ],
            )
            if findings:
                session.execute(insert(FindingRow), [_finding_row(scan_id, f) for f in findings])
            first_seen = _update_states(session, scan_id, generated, findings, known, reach)
        stamp = _format_time(generated)
        for finding in findings:
            finding["first_seen"] = _format_time(first_seen.get(finding["uid"], generated))
            finding["last_seen"] = stamp
        result["delta"] = delta.to_dict()
        return scan_id, delta

    @contextmanager
    def stream_scan(
        self, sources: Sequence[StreamedSnapshot], generated_at: str
    ) -> Iterator[ScanWriter]:
        """Record a scan whose findings arrive in batches (``cspm-opa evaluate --stream``):
        ``add`` each batch, then ``finish`` with the scan result's aggregates. The same
        scan, delta and first/last seen as :meth:`record`, computed over the stored rows
        instead of in memory; the write transaction (and its lock) spans the run, and
        nothing is kept unless ``finish`` was called."""
        from cspm_opa.store._streamed import ScanWriter

        generated = _parse_time(generated_at)
        with self._write() as session:
            writer = ScanWriter(session, sources, generated)
            yield writer
            if not writer.finished:
                raise StoreError(f"streamed scan not finished; nothing recorded in {self.url}")

    def approve_baseline(self, snapshots: Iterable[SnapshotLike]) -> list[str]:
        """Make each snapshot its account's baseline; return their sha256s."""
        docs = [s.document if isinstance(s, Snapshot) else s for s in snapshots]
        now = datetime.now(UTC)
        with self._write() as session:
            shas = _put_snapshots(session, docs)
            if docs:
                session.execute(
                    insert(BaselineRow),
                    [
                        {
                            "provider": str(d["provider"]),
                            "account": str(d["account"]["id"]),
                            "sha256": sha,
                            "approved_at": now,
                        }
                        for d, sha in zip(docs, shas, strict=True)
                    ],
                )
        return shas

    def save_ticket(self, sink: str, uid: str, issue_key: str) -> None:
        """Remember that ``sink`` tracks finding ``uid`` as ``issue_key``."""
        now = datetime.now(UTC)
        with self._write() as session:
            row = session.get(TicketRow, (sink, uid))
            if row is None:
                session.add(TicketRow(sink=sink, uid=uid, issue_key=issue_key, updated_at=now))
            else:
                row.issue_key, row.updated_at = issue_key, now

    # -- reading ---------------------------------------------------------------------

    def ticket(self, sink: str, uid: str) -> str | None:
        """The issue key ``sink`` tracks finding ``uid`` as, or None."""
        with self._read() as session:
            return session.scalar(
                select(TicketRow.issue_key).where(TicketRow.sink == sink, TicketRow.uid == uid)
            )

    def snapshot(self, sha: str) -> dict[str, Any]:
        """The stored snapshot with this sha256; KeyError if there is none."""
        with self._read() as session:
            blob = session.scalar(select(SnapshotBlob.document).where(SnapshotBlob.sha256 == sha))
        if blob is None:
            raise KeyError(f"no snapshot {sha} in the store at {self.url}")
        return _decode(blob)

    def latest_snapshots(self, account: str | None = None) -> list[dict[str, Any]]:
        """The snapshot of each account (or only ``account``) from its latest full scan
        (events' partial snapshots are not counted), ordered by provider and account."""
        latest = (
            select(ScanSnapshot.provider, ScanSnapshot.account, func.max(ScanSnapshot.scan_id))
            .join(ScanRow, ScanRow.id == ScanSnapshot.scan_id)
            .where(ScanRow.kind == "scan")
            .group_by(ScanSnapshot.provider, ScanSnapshot.account)
        )
        if account is not None:
            latest = latest.where(ScanSnapshot.account == account)
        with self._read() as session:
            keys = session.execute(latest).all()
            docs = []
            for provider, acct, scan_id in sorted(keys):
                blob = session.scalar(
                    select(SnapshotBlob.document)
                    .join(ScanSnapshot, ScanSnapshot.sha256 == SnapshotBlob.sha256)
                    .where(
                        ScanSnapshot.scan_id == scan_id,
                        ScanSnapshot.provider == provider,
                        ScanSnapshot.account == acct,
                    )
                )
                if blob is not None:
                    docs.append(_decode(blob))
        return docs

    def baseline(self, account: str, provider: str | None = None) -> dict[str, Any] | None:
        """The account's latest approved snapshot, or None if none was approved."""
        query = select(SnapshotBlob.document).join(
            BaselineRow, BaselineRow.sha256 == SnapshotBlob.sha256
        )
        query = query.where(BaselineRow.account == account)
        if provider is not None:
            query = query.where(BaselineRow.provider == provider)
        with self._read() as session:
            blob = session.scalar(query.order_by(BaselineRow.id.desc()).limit(1))
        return None if blob is None else _decode(blob)

    def scans(self) -> list[dict[str, Any]]:
        """Every recorded scan, oldest first, as schemas/history.json describes."""
        with self._read() as session:
            rows = session.scalars(select(ScanRow).order_by(ScanRow.id)).all()
            covered: dict[int, list[dict[str, str]]] = {}
            for link in session.scalars(
                select(ScanSnapshot).order_by(
                    ScanSnapshot.scan_id, ScanSnapshot.provider, ScanSnapshot.account
                )
            ):
                covered.setdefault(link.scan_id, []).append(
                    {"provider": link.provider, "account": link.account, "snapshot": link.sha256}
                )
            return [_history_entry(row, covered.get(row.id, [])) for row in rows]

    def fail_timelines(self) -> list[FindingTimeline]:
        """Every finding that ever failed, with each scan's status of it and, once its
        resource is gone, when that was found: what trends such as time to resolve and
        the age of open findings are computed from (cspm_opa.dashboard)."""
        with self._read() as session:
            return fail_timelines(session)

    # -- internals -------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with Session(self._engine) as session, session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"store {self.url}: {_reason(exc)}") from exc

    @contextmanager
    def _write(self) -> Iterator[Session]:
        try:
            with Session(self._engine) as session, session.begin():
                if self._engine.dialect.name == "postgresql":
                    session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _WRITE_LOCK})
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"could not write to the store at {self.url}: {_reason(exc)}") from exc

    @staticmethod
    def _known(
        session: Session,
        accounts: Mapping[tuple[str, str], Any],
        findings: Sequence[Mapping[str, Any]],
    ) -> dict[str, KnownState]:
        """The latest known state of every uid in the scan's accounts (and of any
        finding whose account has no snapshot here)."""
        rows = list(
            session.scalars(select(FindingState).where(_account_filter(FindingState, accounts)))
        )
        seen = {r.uid for r in rows}
        stray = [f["uid"] for f in findings if f["uid"] not in seen]
        for start in range(0, len(stray), 500):
            chunk = stray[start : start + 500]
            rows.extend(session.scalars(select(FindingState).where(FindingState.uid.in_(chunk))))
        return {r.uid: _state(r) for r in rows}


# -- engine and migrations -------------------------------------------------------------


def _engine(target: str, shown: str) -> Engine:
    try:
        if target.startswith("sqlite"):
            path = Path(target.removeprefix("sqlite:///"))
            path.parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(target, connect_args={"timeout": SQLITE_BUSY_TIMEOUT})
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        args = {} if "connect_timeout=" in target else {"connect_timeout": 15}
        return create_engine(target, pool_pre_ping=True, connect_args=args)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise ConfigError(f"--store {shown}: not a usable database URL ({exc})") from None
    except OSError as exc:
        raise StoreError(f"cannot open the store at {shown}: {exc}") from None


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN, not the driver (which would defer it).
    dbapi_connection.isolation_level = None
    dbapi_connection.execute("PRAGMA foreign_keys=ON")


def _sqlite_begin(connection: Any) -> None:
    # Take the write lock up front: two writers queue instead of failing on upgrade.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _upgrade(engine: Engine, shown: str) -> None:
    from alembic import command
    from alembic.config import Config
    from alembic.util import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATE_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except CommandError as exc:
        raise StoreError(
            f"cannot migrate the store at {shown}: {exc} (was it written by a newer cspm-opa?)"
        ) from None
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open the store at {shown}: {_reason(exc)}") from None


def _reason(exc: SQLAlchemyError) -> str:
    """The driver's own message (first lines), without SQLAlchemy's SQL and links."""
    orig = getattr(exc, "orig", None)
    message = str(orig if orig is not None else exc).strip()
    lines = [line for line in message.splitlines() if line.strip()][:3]
    return " ".join(line.strip() for line in lines) or type(exc).__name__


# -- rows ------------------------------------------------------------------------------


def _put_snapshots(session: Session, docs: Sequence[Mapping[str, Any]]) -> list[str]:
    """Store each document once (by sha256 of its canonical JSON); return the shas."""
    encoded = [canonical_json(d) for d in docs]
    shas = [snapshot_sha(d) for d in docs]
    have = set(
        session.scalars(select(SnapshotBlob.sha256).where(SnapshotBlob.sha256.in_(set(shas))))
    )
    for doc, raw, sha in zip(docs, encoded, shas, strict=True):
        if sha in have:
            continue
        have.add(sha)
        session.add(
            SnapshotBlob(
                sha256=sha,
                provider=str(doc["provider"]),
                account=str(doc["account"]["id"]),
                taken_at=str(doc.get("taken_at", "")),
                size=len(raw),
                document=zlib.compress(raw, 6),
            )
        )
    session.flush()
    return shas


def _update_states(  # noqa: PLR0917
    session: Session,
    scan_id: int,
    generated: datetime,
    findings: Sequence[Mapping[str, Any]],
    known: Mapping[str, KnownState],
    reach: Reach,
) -> dict[str, datetime]:
    """Move every uid's latest known state on; return first_seen of the known ones."""
    current = {f["uid"]: f for f in findings}
    inserts, updates = [], []
    for uid, f in current.items():
        before = known.get(uid)
        status = next_status(before, f["status"], reach) or "UNKNOWN"
        failed = f["status"] == "FAIL"
        if before is None:
            row = _finding_row(scan_id, f)
            inserts.append(
                {
                    k: row[k]
                    for k in (
                        "uid",
                        "provider",
                        "account",
                        "policy_id",
                        "resource_type",
                        "resource_id",
                        "region",
                    )
                }
                | {
                    "status": status,
                    "ever_failed": failed,
                    "first_seen": generated,
                    "last_seen": generated,
                    "last_scan": scan_id,
                }
            )
        else:
            updates.append(
                {
                    "uid": uid,
                    "status": status,
                    "last_seen": generated,
                    "last_scan": scan_id,
                    "ever_failed": before.ever_failed or failed,
                }
            )
    for uid, state in known.items():
        if uid not in current:
            status = next_status(state, None, reach) or state.status
            if status != state.status:
                updates.append({"uid": uid, "status": status})
    if inserts:
        session.execute(insert(FindingState), inserts)
    if updates:
        session.execute(update(FindingState), updates)
    first: dict[str, datetime] = {}
    if known:
        uids = [u for u in current if u in known]
        for start in range(0, len(uids), 500):
            chunk = uids[start : start + 500]
            for uid, seen in session.execute(
                select(FindingState.uid, FindingState.first_seen).where(FindingState.uid.in_(chunk))
            ):
                first[uid] = _aware(seen)
    return first


def _counts(result: Mapping[str, Any]) -> dict[str, Any]:
    summary = result.get("summary", {})
    return {
        "findings": len(result.get("findings", [])),
        "by_status": dict(summary.get("by_status", {})),
        "by_severity": dict(summary.get("by_severity", {})),
    }


def _history_entry(row: ScanRow, accounts: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "id": row.id,
        "generated_at": _format_time(_aware(row.generated_at)),
        "recorded_at": _format_time(_aware(row.recorded_at)),
        "kind": row.kind,
        "event_id": row.event_id,
        "accounts": accounts,
        "posture_score": row.posture_score,
        "compliance": dict(row.compliance),
        "counts": dict(row.counts),
        "delta": {
            "previous_scan": row.previous_scan,
            "new": row.new,
            "resolved": row.resolved,
            "regressed": row.regressed,
            "unchanged": row.unchanged,
        },
    }


def _decode(blob: bytes) -> dict[str, Any]:
    doc: dict[str, Any] = orjson.loads(zlib.decompress(blob))
    return doc


def _parse_time(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ConfigError(f"scan result generated_at {value!r} is not a date-time") from None
    return _aware(parsed)
