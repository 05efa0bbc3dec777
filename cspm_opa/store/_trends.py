"""Read-only queries over the history for trends (the dashboard): each finding that ever
failed, with every status scans saw it in, and when its resource was found gone."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cspm_opa.store._models import FindingRow, FindingState, ScanRow, ScanSnapshot
from cspm_opa.store.delta import GONE

__all__ = ["FindingTimeline", "Observation", "fail_timelines"]


@dataclass(frozen=True)
class Observation:
    """One scan's view of a finding."""

    scan_id: int
    at: datetime
    """The scan's ``generated_at`` (UTC)."""
    status: str
    severity: str
    priority_level: str | None = None
    priority_score: int | None = None


@dataclass(frozen=True)
class FindingTimeline:
    """A finding that failed at least once: what the scans saw of it, oldest first."""

    uid: str
    provider: str
    account: str
    policy_id: str
    resource_type: str
    resource_id: str
    state: str
    """Its latest known state: FAIL, PASS, WAIVED or GONE."""
    observations: tuple[Observation, ...]
    gone_at: tuple[int, datetime] | None = None
    """For a GONE finding: the first scan of its account after it was last seen (a full
    scan when there is one), which found its resource deleted."""
    missing_from: tuple[tuple[int, datetime], ...] = ()
    """Full scans of its account that did not see it, each the first full scan after one
    that did: its resource was gone then (or, rarely, that scan did not look there)."""


def fail_timelines(session: Session) -> list[FindingTimeline]:
    """Every uid whose ``ever_failed`` is set, ordered by uid."""
    failed = select(FindingState.uid).where(FindingState.ever_failed.is_(True))
    states = {s.uid: s for s in session.scalars(select(FindingState).where(
        FindingState.uid.in_(failed)))}  # fmt: skip
    seen: dict[str, list[Observation]] = {}
    rows = session.execute(
        select(
            FindingRow.uid, FindingRow.status, FindingRow.severity, FindingRow.priority_level,
            FindingRow.priority_score, ScanRow.id, ScanRow.generated_at,
        )
        .join(ScanRow, ScanRow.id == FindingRow.scan_id)
        .where(FindingRow.uid.in_(failed))
        .order_by(FindingRow.uid, ScanRow.id)
    )  # fmt: skip
    for uid, status, severity, level, score, scan_id, at in rows:
        seen.setdefault(uid, []).append(
            Observation(scan_id, _utc(at), status, severity, level, score)
        )
    scans = _account_scans(session) if states else {}
    out = []
    for uid in sorted(states):
        state = states[uid]
        observations = tuple(seen.get(uid, ()))
        account = scans.get((state.provider, state.account), ([], []))
        gone = None
        if state.status == GONE and observations:
            gone = _first_after(account, observations[-1].scan_id)
        observed = {o.scan_id for o in observations}
        missing = sorted({
            after for o in observations
            if (after := _first_after(account[:1], o.scan_id)) is not None
            and after[0] not in observed
        })  # fmt: skip
        out.append(FindingTimeline(
            uid, state.provider, state.account, state.policy_id, state.resource_type,
            state.resource_id, state.status, observations, gone, tuple(missing),
        ))  # fmt: skip
    return out


Scans = tuple[list[tuple[int, datetime]], list[tuple[int, datetime]]]


def _account_scans(session: Session) -> dict[tuple[str, str], Scans]:
    """(provider, account) -> (its full scans, all its scans), each as (id, generated_at)
    in id order."""
    found: dict[tuple[str, str], Scans] = {}
    rows = session.execute(
        select(ScanSnapshot.provider, ScanSnapshot.account, ScanRow.id, ScanRow.kind,
               ScanRow.generated_at)
        .join(ScanRow, ScanRow.id == ScanSnapshot.scan_id)
        .order_by(ScanRow.id)
    )  # fmt: skip
    for provider, account, scan_id, kind, at in rows:
        full, every = found.setdefault((provider, account), ([], []))
        every.append((scan_id, _utc(at)))
        if kind == "scan":
            full.append((scan_id, _utc(at)))
    return found


def _first_after(
    scans: Sequence[list[tuple[int, datetime]]], scan_id: int
) -> tuple[int, datetime] | None:
    for listing in scans:
        i = bisect.bisect_right([s for s, _ in listing], scan_id)
        if i < len(listing):
            return listing[i]
    return None


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
