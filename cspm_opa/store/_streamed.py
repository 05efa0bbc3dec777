"""Recording a streamed scan: findings written to the store in batches as they come, the
delta computed with SQL over the stored rows (see ``Store.stream_scan``).

The rules are those of :mod:`cspm_opa.store.delta` and ``Store.record``; what differs
is where the work happens. Each batch of findings is inserted under the scan's id (and
stamped with its first/last seen from ``finding_states``). At the end, new, regressed,
unchanged and resolved-by-status come from joins of this scan's findings with the
states; the states the scan has no finding for are read (those of its accounts and
checks only) and judged with :class:`~cspm_opa.store.delta.Reach`, their resources
looked up while the snapshot is encoded a run at a time for its content address.
Python holds a batch of findings, the uids of the delta, the missing states and the
compressed snapshot, never every finding.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

import orjson
from sqlalchemy import DateTime, exists, func, insert, literal, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import case

from cspm_opa.model import Snapshot
from cspm_opa.store._models import FindingRow, FindingState, ScanRow, ScanSnapshot, SnapshotBlob
from cspm_opa.store._rows import (
    _account_filter,
    _aware,
    _finding_row,
    _format_time,
    _state,
)
from cspm_opa.store.delta import GONE, Delta, KnownState, Reach

__all__ = ["ScanWriter", "StreamedSnapshot"]

_CHUNK = 500
_RUN = 5000
"""Resources read (and encoded) at a time while a snapshot is stored."""
_HOLE = "\x00cspm-opa resources\x00"
_FIRST_STATE = (FindingRow.uid, FindingRow.provider, FindingRow.account, FindingRow.policy_id,
                FindingRow.resource_type, FindingRow.resource_id, FindingRow.region,
                FindingRow.status)  # fmt: skip
"""A finding's columns a first state copies (then ever_failed, first/last seen, scan)."""
_STATE_COLUMNS = [c.key for c in _FIRST_STATE] + ["ever_failed", "first_seen", "last_seen",
                                                  "last_scan"]  # fmt: skip


class StreamedSnapshot(Protocol):
    """A snapshot read a run at a time (:class:`cspm_opa.streaming.PartSource`)."""

    @property
    def envelope(self) -> Snapshot: ...

    @property
    def counts(self) -> Mapping[str, int]: ...

    @property
    def read(self) -> Callable[[str, int, int], dict[str, Any]]: ...


class ScanWriter:
    """One streamed scan being recorded inside the store's write transaction: findings
    in with :meth:`add`, the scan closed with :meth:`finish`."""

    def __init__(
        self,
        session: Session,
        sources: Sequence[StreamedSnapshot],
        generated: datetime,
    ) -> None:
        self.session, self.sources, self.generated = session, sources, generated
        self.accounts = {(s.envelope.provider, s.envelope.account_id): s for s in sources}
        self.previous = session.scalar(
            select(func.max(ScanSnapshot.scan_id)).where(
                _account_filter(ScanSnapshot, self.accounts)
            )
        )
        scan = ScanRow(
            generated_at=generated,
            recorded_at=datetime.now(UTC).replace(microsecond=0),
            kind="scan",
            event_id=None,
            posture_score=None,
            compliance={},
            counts={},
            previous_scan=self.previous,
            new=0,
            resolved=0,
            regressed=0,
            unchanged=0,
        )
        session.add(scan)
        session.flush()
        self.scan_id = scan.id
        self.count = 0
        """Findings added so far."""
        self.finished = False

    def add(self, findings: Sequence[dict[str, Any]]) -> None:
        """Store a batch of findings (scan result dicts) and set their ``first_seen`` and
        ``last_seen`` as ``Store.record`` would."""
        if not findings:
            return
        first: dict[str, datetime] = {}
        uids = [f["uid"] for f in findings]
        for start in range(0, len(uids), _CHUNK):
            chunk = uids[start : start + _CHUNK]
            for uid, seen in self.session.execute(
                select(FindingState.uid, FindingState.first_seen).where(FindingState.uid.in_(chunk))
            ):
                first[uid] = _aware(seen)
        stamp = _format_time(self.generated)
        for finding in findings:
            finding["first_seen"] = _format_time(first.get(finding["uid"], self.generated))
            finding["last_seen"] = stamp
        self.session.execute(insert(FindingRow), [_finding_row(self.scan_id, f) for f in findings])
        self.count += len(findings)

    def finish(self, result: Mapping[str, Any]) -> tuple[int, Delta]:
        """Close the scan: its delta, the states moved on, its snapshots and scores."""
        session, sid = self.session, self.scan_id
        policies = result.get("policies")
        reach = Reach(
            full=True,
            accounts={k: s.envelope.document for k, s in self.accounts.items()},
            policies=frozenset(p["id"] for p in policies) if policies is not None else None,
        )
        missing = self._missing(reach)
        shas, present = self._put_snapshots(missing)
        gone = [
            m
            for m in missing
            if (m.state.resource_type, m.state.resource_id) not in present[m.account_key]
            and reach.covers(m.state)
        ]
        delta = self._delta(sorted(m.state.uid for m in gone if m.state.status == "FAIL"))
        self._move_states([m.state.uid for m in gone])
        if self.accounts:
            session.execute(
                insert(ScanSnapshot),
                [
                    {"scan_id": sid, "provider": p, "account": a, "sha256": sha}
                    for (p, a), sha in zip(self.accounts, shas, strict=True)
                ],
            )
        summary = result.get("summary", {})
        session.execute(
            update(ScanRow)
            .where(ScanRow.id == sid)
            .values(
                posture_score=result.get("posture_score"),
                compliance={k: v.get("percent") for k, v in result.get("compliance", {}).items()},
                counts={
                    "findings": self.count,
                    "by_status": dict(summary.get("by_status", {})),
                    "by_severity": dict(summary.get("by_severity", {})),
                },
                new=len(delta.new),
                resolved=len(delta.resolved),
                regressed=len(delta.regressed),
                unchanged=delta.unchanged,
            )
        )
        self.finished = True
        return sid, delta

    # -- internals -----------------------------------------------------------------------

    def _missing(self, reach: Reach) -> list[_Missing]:
        """The known states (not GONE) of the scan's accounts and checks that this scan
        has no finding for: the only ones its snapshots can resolve."""
        mine = select(FindingRow.uid).where(
            FindingRow.scan_id == self.scan_id, FindingRow.uid == FindingState.uid
        )
        query = select(FindingState).where(
            _account_filter(FindingState, self.accounts),
            FindingState.status != GONE,
            ~exists(mine),
        )
        if reach.policies is not None:
            query = query.where(FindingState.policy_id.in_(sorted(reach.policies)))
        return [_Missing(_state(row)) for row in self.session.scalars(query)]

    def _put_snapshots(
        self, missing: Sequence[_Missing]
    ) -> tuple[list[str], dict[tuple[str, str], set[tuple[str, str]]]]:
        """Store each snapshot once (canonical JSON, encoded a run at a time); return the
        shas, and which of the missing states' resources each snapshot holds."""
        wanted: dict[tuple[str, str], dict[str, set[str]]] = {}
        for m in missing:
            wanted.setdefault(m.account_key, {}).setdefault(m.state.resource_type, set()).add(
                m.state.resource_id
            )
        shas: list[str] = []
        present: dict[tuple[str, str], set[tuple[str, str]]] = {}
        for key, source in self.accounts.items():
            found = present.setdefault(key, set())
            sha, size, blob = _encode(source, wanted.get(key, {}), found)
            shas.append(sha)
            if self.session.get(SnapshotBlob, sha) is None:
                env = source.envelope
                self.session.add(
                    SnapshotBlob(
                        sha256=sha,
                        provider=env.provider,
                        account=env.account_id,
                        taken_at=str(env.document.get("taken_at", "")),
                        size=size,
                        document=blob,
                    )
                )
                self.session.flush()
        return shas, present

    def _delta(self, gone_failing: list[str]) -> Delta:
        sid, f, s = self.scan_id, FindingRow, FindingState
        fails = select(f.uid).where(f.scan_id == sid, f.status == "FAIL")
        new = self.session.scalars(
            fails.outerjoin(s, s.uid == f.uid)
            .where(or_(s.uid.is_(None), s.ever_failed.is_(False)))
            .order_by(f.uid)
        ).all()
        known = fails.join(s, s.uid == f.uid).where(s.ever_failed.is_(True))
        regressed = self.session.scalars(known.where(s.status != "FAIL").order_by(f.uid)).all()
        unchanged = self.session.scalar(
            select(func.count()).select_from(known.where(s.status == "FAIL").subquery())
        )
        fixed = self.session.scalars(
            select(s.uid)
            .join(f, f.uid == s.uid)
            .where(f.scan_id == sid, s.status == "FAIL", f.status.in_(("PASS", "WAIVED")))
        ).all()
        resolved = sorted([*fixed, *gone_failing])
        return Delta(self.previous, tuple(new), tuple(resolved), tuple(regressed), unchanged or 0)

    def _move_states(self, gone: list[str]) -> None:
        """Every uid's latest known state moved on, as ``Store.record`` moves it."""
        sid, f, s = self.scan_id, FindingRow, FindingState
        when = literal(self.generated, DateTime(timezone=True))
        self.session.execute(
            update(s)
            .where(s.uid == f.uid, f.scan_id == sid)
            .values(
                status=case((f.status == "UNKNOWN", s.status), else_=f.status),
                last_seen=when,
                last_scan=sid,
                ever_failed=or_(s.ever_failed, f.status == "FAIL"),
            )
            .execution_options(synchronize_session=False)
        )
        unseen = ~exists(select(s.uid).where(s.uid == f.uid))
        first = select(*_FIRST_STATE, f.status == "FAIL", when, when, literal(sid))
        self.session.execute(
            insert(s).from_select(_STATE_COLUMNS, first.where(f.scan_id == sid, unseen))
        )
        for start in range(0, len(gone), _CHUNK):
            self.session.execute(
                update(s), [{"uid": uid, "status": GONE} for uid in gone[start : start + _CHUNK]]
            )


class _Missing:
    __slots__ = ("account_key", "state")

    def __init__(self, state: KnownState) -> None:
        self.state = state
        self.account_key = (state.provider, state.account)


def _encode(
    source: StreamedSnapshot, wanted: Mapping[str, set[str]], found: set[tuple[str, str]]
) -> tuple[str, int, bytes]:
    """The snapshot's sha256, size and zlib blob of its canonical JSON (the bytes of
    ``canonical_json`` of the whole document), encoded a run of resources at a time;
    ``found`` gets the (type, id) of the ``wanted`` resources it holds."""
    header = {k: v for k, v in source.envelope.document.items() if k != "resources"}
    head, tail = orjson.dumps({**header, "resources": _HOLE}, option=orjson.OPT_SORT_KEYS).split(
        orjson.dumps(_HOLE)
    )
    hasher, packer = hashlib.sha256(), zlib.compressobj(6)
    out: list[bytes] = []
    size = 0

    def feed(piece: bytes) -> None:
        nonlocal size
        hasher.update(piece)
        size += len(piece)
        out.append(packer.compress(piece))

    feed(head + b"{")
    for i, rtype in enumerate(sorted(source.counts)):
        feed((b"," if i else b"") + orjson.dumps(rtype) + b":{")
        saved = hasher.copy(), packer.copy(), size, len(out)
        if not _feed_runs(source, rtype, _RUN, feed, wanted.get(rtype), found):
            # Ids out of order across runs: restart the type, read whole.
            hasher, packer, size = saved[0], saved[1], saved[2]
            del out[saved[3] :]
            _feed_runs(source, rtype, max(source.counts[rtype], 1), feed, wanted.get(rtype), found)
        feed(b"}")
    feed(b"}" + tail)
    out.append(packer.flush())
    return hasher.hexdigest(), size, b"".join(out)


def _feed_runs(  # noqa: PLR0917
    source: StreamedSnapshot,
    rtype: str,
    step: int,
    feed: Callable[[bytes], None],
    wanted: set[str] | None,
    found: set[tuple[str, str]],
) -> bool:
    """Feed one type's resources in runs of ``step``; False (having stopped) when a run's
    ids do not all sort after the previous run's."""
    last: str | None = None
    total = source.counts[rtype]
    for start in range(0, total, step):
        run = source.read(rtype, start, min(start + step, total))
        if not run:
            continue
        if last is not None and min(run) <= last:
            return False
        last = max(run)
        if wanted:
            found.update((rtype, rid) for rid in wanted.intersection(run))
        encoded = orjson.dumps(run, option=orjson.OPT_SORT_KEYS)
        feed((b"," if start else b"") + encoded[1:-1])
    return True
