"""The dashboard's numbers, computed from the history store (pure functions over
``Store.scans()`` and ``Store.fail_timelines()``, so they are tested without HTML)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from cspm_opa.store._trends import FindingTimeline, Observation

if TYPE_CHECKING:
    from cspm_opa.store import Store

__all__ = [
    "AGE_BUCKETS",
    "AccountRisk",
    "DashboardData",
    "OpenFinding",
    "ScanPoint",
    "build_dashboard_data",
    "dashboard_data",
]

SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO")
AGE_BUCKETS: tuple[tuple[str, float], ...] = (
    ("< 1 day", 1), ("1-7 days", 7), ("7-30 days", 30), ("30-90 days", 90),
    ("90+ days", float("inf")),
)  # fmt: skip
"""(label, upper bound in days, exclusive)."""
_FIXED = frozenset({"PASS", "WAIVED"})
_DAY = 86400.0


@dataclass(frozen=True)
class ScanPoint:
    """One recorded scan on the time axis."""

    id: int
    generated_at: str
    kind: str
    posture_score: int | None
    compliance: dict[str, float | None]
    new: int
    """New or regressed FAILs (the delta's ``new`` plus ``regressed``)."""
    resolved: int
    open: int
    """FAILs open after it: uids whose latest known state is FAIL, across every account."""


@dataclass(frozen=True)
class OpenFinding:
    uid: str
    policy_id: str
    severity: str
    provider: str
    account: str
    resource_id: str
    failing_since: str
    age_days: float


@dataclass(frozen=True)
class AccountRisk:
    provider: str
    account: str
    open_fails: int
    critical_high: int
    """Open FAILs of CRITICAL or HIGH severity."""
    risk: int | None
    """The sum of the open FAILs' priority scores; None when none carries a priority."""
    top_priority: str | None
    posture_score: int | None
    """Of the latest full scan that covered the account (the estate's, if it covered more)."""


@dataclass
class DashboardData:
    as_of: str | None
    """The latest scan's generated_at: ages are counted to it."""
    scans: list[ScanPoint] = field(default_factory=list)
    frameworks: list[str] = field(default_factory=list)
    mttr_days: dict[str, float | None] = field(default_factory=dict)
    """Severity -> mean days from failing to resolved (None: nothing of it resolved yet)."""
    resolved_counts: dict[str, int] = field(default_factory=dict)
    age_buckets: dict[str, dict[str, int]] = field(default_factory=dict)
    """Age bucket label -> {CRITICAL: n, HIGH: n} of open FAILs."""
    oldest_open: list[OpenFinding] = field(default_factory=list)
    accounts: list[AccountRisk] = field(default_factory=list)
    ranked_by: str = "priority"
    """``priority`` (open FAILs carry one) or ``posture score``."""

    @property
    def full_scans(self) -> list[ScanPoint]:
        return [s for s in self.scans if s.kind == "scan"]


def dashboard_data(store: Store, *, top: int = 10) -> DashboardData:
    """Read the store and compute everything the dashboard shows."""
    return build_dashboard_data(store.scans(), store.fail_timelines(), top=top)


def build_dashboard_data(
    scans: Sequence[dict[str, Any]], timelines: Sequence[FindingTimeline], *, top: int = 10
) -> DashboardData:
    if not scans:
        return DashboardData(as_of=None)
    as_of = _parse(scans[-1]["generated_at"])
    order = [s["id"] for s in scans]
    episodes = [(t, _episodes(t)) for t in timelines]
    open_after = _open_after(order, [e for _, e in episodes])
    points = [
        ScanPoint(
            id=s["id"], generated_at=s["generated_at"], kind=s["kind"],
            posture_score=s["posture_score"], compliance=dict(s["compliance"]),
            new=s["delta"]["new"] + s["delta"]["regressed"], resolved=s["delta"]["resolved"],
            open=open_after[i],
        )
        for i, s in enumerate(scans)
    ]  # fmt: skip
    frameworks = sorted({k for s in scans if s["kind"] == "scan" for k in s["compliance"]})
    data = DashboardData(as_of=_iso(as_of), scans=points, frameworks=frameworks)
    _resolve_times(data, episodes)
    _ages(data, episodes, as_of)
    _accounts(data, scans, timelines, top)
    return data


# An episode: (start scan id, start time, end scan id or None while open, end time).
Episode = tuple[int, datetime, int | None, datetime | None]


def _episodes(t: FindingTimeline) -> list[Episode]:
    """The spans a finding was FAIL: from the scan that saw it fail (after not failing)
    to the scan that saw it PASS or WAIVED, or the next full scan of its account that did
    not see it (its resource gone). UNKNOWN is no knowledge: it neither ends nor starts
    a span."""
    spans: list[Episode] = []
    start: Observation | None = None
    seen: list[tuple[int, datetime, str, Observation | None]]
    seen = [(o.scan_id, o.at, o.status, o) for o in t.observations]
    seen += [(scan_id, at, "GONE", None) for scan_id, at in t.missing_from]
    for scan_id, at, status, o in sorted(seen, key=lambda e: e[0]):
        if status == "FAIL" and start is None:
            start = o
        elif (status in _FIXED or status == "GONE") and start is not None:
            spans.append((start.scan_id, start.at, scan_id, at))
            start = None
    if start is not None:
        if t.state == "GONE" and t.gone_at is not None:
            spans.append((start.scan_id, start.at, *t.gone_at))
        else:
            spans.append((start.scan_id, start.at, None, None))
    return spans


def _open_after(order: list[int], all_episodes: Iterable[list[Episode]]) -> list[int]:
    index = {scan_id: i for i, scan_id in enumerate(order)}
    change = [0] * (len(order) + 1)
    for spans in all_episodes:
        for start, _, end, _ in spans:
            change[index[start]] += 1
            if end is not None:
                change[index[end]] -= 1
    running, out = 0, []
    for step in change[:-1]:
        running += step
        out.append(running)
    return out


def _latest(t: FindingTimeline) -> Observation | None:
    fails = [o for o in t.observations if o.status == "FAIL"]
    return fails[-1] if fails else (t.observations[-1] if t.observations else None)


def _resolve_times(
    data: DashboardData, episodes: list[tuple[FindingTimeline, list[Episode]]]
) -> None:
    total: dict[str, float] = dict.fromkeys(SEVERITIES, 0.0)
    count: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
    for t, spans in episodes:
        latest = _latest(t)
        severity = latest.severity if latest else "INFO"
        for _, began, _, ended in spans:
            if ended is not None and severity in total:
                total[severity] += (ended - began).total_seconds() / _DAY
                count[severity] += 1
    data.mttr_days = {s: (round(total[s] / count[s], 2) if count[s] else None) for s in SEVERITIES}
    data.resolved_counts = count


def _ages(
    data: DashboardData,
    episodes: list[tuple[FindingTimeline, list[Episode]]],
    as_of: datetime,
) -> None:
    buckets = {label: {"CRITICAL": 0, "HIGH": 0} for label, _ in AGE_BUCKETS}
    found = []
    for t, spans in episodes:
        latest = _latest(t)
        if t.state != "FAIL" or not spans or spans[-1][2] is not None or latest is None:
            continue
        if latest.severity not in ("CRITICAL", "HIGH"):
            continue
        since = spans[-1][1]
        age = max(0.0, (as_of - since).total_seconds() / _DAY)
        label = next(lb for lb, bound in AGE_BUCKETS if age < bound)
        buckets[label][latest.severity] += 1
        found.append(OpenFinding(t.uid, t.policy_id, latest.severity, t.provider, t.account,
                                 t.resource_id, _iso(since), round(age, 2)))  # fmt: skip
    data.age_buckets = buckets
    found.sort(key=lambda f: (-f.age_days, SEVERITIES.index(f.severity), f.uid))
    data.oldest_open = found[:25]


def _accounts(
    data: DashboardData,
    scans: Sequence[dict[str, Any]],
    timelines: Sequence[FindingTimeline],
    top: int,
) -> None:
    posture: dict[tuple[str, str], int | None] = {}
    for s in scans:
        if s["kind"] == "scan":
            for a in s["accounts"]:
                posture[(a["provider"], a["account"])] = s["posture_score"]
    stats: dict[tuple[str, str], dict[str, Any]] = {
        key: {"open": 0, "ch": 0, "risk": None, "top": None} for key in posture
    }
    levels = {s: i for i, s in enumerate(SEVERITIES)}
    for t in timelines:
        latest = _latest(t)
        if t.state != "FAIL" or latest is None:
            continue
        entry = stats.setdefault((t.provider, t.account),
                                 {"open": 0, "ch": 0, "risk": None, "top": None})  # fmt: skip
        entry["open"] += 1
        entry["ch"] += latest.severity in ("CRITICAL", "HIGH")
        if latest.priority_score is not None:
            entry["risk"] = (entry["risk"] or 0) + latest.priority_score
        level = latest.priority_level
        if level and (entry["top"] is None or levels.get(level, 9) < levels.get(entry["top"], 9)):
            entry["top"] = level
    rows = [
        AccountRisk(p, a, e["open"], e["ch"], e["risk"], e["top"], posture.get((p, a)))
        for (p, a), e in stats.items()
    ]
    if any(r.risk is not None for r in rows):
        data.ranked_by = "priority"
        rows.sort(key=lambda r: (-(r.risk or 0), -r.critical_high, r.provider, r.account))
    else:
        data.ranked_by = "posture score"
        rows.sort(key=lambda r: (101 if r.posture_score is None else r.posture_score,
                                 -r.open_fails, r.provider, r.account))  # fmt: skip
    data.accounts = rows[:top]


def _parse(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
