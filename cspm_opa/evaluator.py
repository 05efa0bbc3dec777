"""Snapshots -> engine -> findings.

Every check gets a verdict on every resource of its type: FAIL where its ``deny`` names
the resource, PASS otherwise, UNKNOWN where the data it reads was not collected. Nothing
the engine reports is dropped: a deny that names a resource missing from the snapshot is
still a FAIL.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

from cspm_opa import _json
from cspm_opa.engine.base import Engine
from cspm_opa.engine.catalog import ALL, Catalog
from cspm_opa.errors import EngineError
from cspm_opa.model import (
    CoverageGap,
    Finding,
    Policy,
    ResourceRef,
    Snapshot,
    Status,
)

__all__ = ["EvaluationStats", "evaluate", "findings_for_snapshot"]

_FINDING_DEFAULTS = {f.name: f.default for f in fields(Finding) if f.default is not MISSING}
_FINDING_SET_HERE = frozenset(
    ["uid", "policy_id", "title", "severity", "status", "message", "remediation", "resource",
     "compliance"]
)  # fmt: skip
"""The fields _policy_findings sets; with the defaults, every field of Finding."""
_new = object.__new__

SPLIT_THRESHOLD = 20_000
"""Snapshots with more resources than this are split across concurrent requests."""

MAX_PART_BYTES = 24 * 1024 * 1024
"""The largest request body a snapshot is cut into (JSON bytes), where its checks allow.
OPA refuses bodies over server.decoding.max_length (256 MiB by default) and holds about
twenty times a body's size while evaluating it, so parts are kept well below both."""

_SMALL_RESOURCE = 4096
"""Bytes a resource is assumed to take at most, to skip sizing snapshots far below it."""


@dataclass
class EvaluationStats:
    """What the engine reported: OPA's own timings, summed over requests (ns)."""

    requests: int = 0
    opa_metrics: dict[str, int] = field(default_factory=dict)

    def add(self, metrics: Mapping[str, int]) -> None:
        self.requests += 1
        for key, value in metrics.items():
            self.opa_metrics[key] = self.opa_metrics.get(key, 0) + int(value)


def evaluate(
    snapshots: Iterable[Snapshot],
    engine: Engine,
    *,
    workers: int | None = None,
    stats: EvaluationStats | None = None,
    max_part_bytes: int | None = None,
) -> list[Finding]:
    """Evaluate every check of ``engine.catalog`` over each snapshot.

    One request per snapshot (large snapshots are split by resource type across
    concurrent requests, since one OPA evaluation uses one core, and into parts of at
    most ``max_part_bytes``, by default :data:`MAX_PART_BYTES`, where the checks allow).
    Findings come back ordered by snapshot, then policy id, then resource id.
    """
    snaps = list(snapshots)
    workers = workers or min(4, os.cpu_count() or 1)
    stats = stats if stats is not None else EvaluationStats()
    catalog = engine.catalog
    jobs = [
        (i, part)
        for i, s in enumerate(snaps)
        for part in _parts(s, catalog, workers, max_part_bytes)
    ]
    verdicts = [_Verdicts(s, catalog) for s in snaps]
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(jobs)))) as pool:
        pending = {
            pool.submit(engine.evaluate_document, doc): (i, owned) for i, (owned, doc) in jobs
        }
        # Each answer is turned into findings as it arrives, while OPA works on the rest.
        for done in as_completed(pending):
            i, owned = pending[done]
            answer = done.result()
            stats.add(answer.metrics)
            if not isinstance(answer.result, dict):
                raise EngineError(
                    f"entrypoint returned {type(answer.result).__name__}, not an object"
                )
            verdicts[i].take(owned, answer.result)
    findings: list[Finding] = []
    for each in verdicts:
        findings.extend(each.findings())
    return findings


class _Verdicts:
    """One snapshot's findings, built check by check from the parts' answers."""

    def __init__(self, snap: Snapshot, catalog: Catalog):
        self.index = _Index(snap)
        self.policies = [p for p in catalog.policies if p.provider == snap.provider]
        self.done: dict[str, list[Finding]] = {}
        self.unowned: dict[str, Any] = {}
        self.pieces: dict[str, list[Mapping[str, Any]]] = {}

    def take(self, owned: _Share | None, results: Mapping[str, Any]) -> None:
        """Judge the checks this answer is authoritative for: those whose types it holds
        whole, and, once every id range of a cut type has answered, that type's checks.
        A check whose types the snapshot lacks answers the same in every part."""
        for policy in self.policies:
            key = policy.key
            result = results.get(key)
            if result is None or key in self.done:
                continue
            if owned is None or key in owned.whole:
                self.done[key] = _policy_findings(self.index, policy, result)
            elif key in owned.ranges:
                pieces = self.pieces.setdefault(key, [])
                pieces.append(result)
                if len(pieces) == owned.ranges[key]:
                    merged = _union(pieces)
                    del self.pieces[key]
                    self.done[key] = _policy_findings(self.index, policy, merged)
            else:
                self.unowned.setdefault(key, result)

    def findings(self) -> list[Finding]:
        out: list[Finding] = []
        for policy in self.policies:
            found = self.done.get(policy.key)
            if found is None:
                result = self.unowned.get(policy.key)
                if result is None:
                    raise EngineError(
                        f"the engine returned no result for {policy.id} ({policy.package}): "
                        "are its policies the same as the local catalog?"
                    )
                found = _policy_findings(self.index, policy, result)
            out.extend(found)
        return out


@dataclass(frozen=True)
class _Share:
    """What one part answers for: the checks judged from it alone (``whole``), and the
    checks that read a type of which it holds one id range, with how many ranges there
    are in all (their ``deny`` and ``applies`` are the union of the ranges' answers);
    ``spans`` is each cut type's range, by position in its sorted ids."""

    whole: frozenset[str]
    ranges: Mapping[str, int] = field(default_factory=dict)
    spans: Mapping[str, tuple[int, int]] = field(default_factory=dict)


def _parts(
    snap: Snapshot, catalog: Catalog, workers: int, max_part_bytes: int | None = None
) -> list[tuple[_Share | None, Mapping[str, Any]]]:
    """The documents to send for one snapshot: itself, or slices of it (see :func:`_plan`)."""
    limit = max_part_bytes or MAX_PART_BYTES
    resources = snap.resources
    count = snap.resource_count()
    for_workers = workers >= 2 and count > SPLIT_THRESHOLD
    # Sizing costs an encoding; a snapshot this small is far below OPA's own limit.
    if not resources or (not for_workers and count * _SMALL_RESOURCE <= limit):
        return [(None, snap.document)]
    sizes = {t: len(_json.dumps(by_id, indent=False)) for t, by_id in resources.items()}
    if not for_workers and sum(sizes.values()) <= limit:
        return [(None, snap.document)]
    counts = {t: len(by_id) for t, by_id in resources.items()}
    slices = 2 * workers if for_workers else 1
    bins = _plan(snap.provider, counts, sizes, catalog, slices=slices, limit=limit)
    if len(bins) < 2:
        return [(None, snap.document)]
    policies = [p for p in catalog.policies if p.provider == snap.provider]
    keys = {u.sliced: sorted(resources[u.sliced]) for b in bins for u in b if u.sliced}
    parts: list[tuple[_Share | None, Mapping[str, Any]]] = []
    for units in bins:
        share = _share(units, policies, set(resources))
        chosen: dict[str, Any] = {t: resources[t] for u in units for t in u.whole}
        for t, (start, stop) in share.spans.items():
            by_id = resources[t]
            chosen[t] = {rid: by_id[rid] for rid in keys[t][start:stop]}
        doc = dict(snap.document)
        doc["resources"] = {t: chosen[t] for t in sorted(chosen)}
        parts.append((share, doc))
    return parts


def _plan(
    provider: str,
    counts: Mapping[str, int],
    sizes: Mapping[str, int],
    catalog: Catalog,
    *,
    slices: int,
    limit: int,
) -> list[list[_Unit]]:
    """Cut a snapshot of ``counts`` resources (``sizes`` JSON bytes) by type into parts.

    Every check of the snapshot's provider is evaluated in every request, so a part is
    closed under the checks' reads: types that one check reads together always travel
    together (a trail with the buckets its checks read), so no type is judged twice.
    A group larger than ``limit`` is cut further: each type of it that only checks
    judging one resource at a time read (:mod:`cspm_opa.engine.splitting`) goes in id
    ranges, each with the rest of the group whole; a type that any other check reads
    travels whole. The pieces are packed, heaviest first, into at least ``slices``
    parts, none over the limit unless one group alone is.
    """
    policies = [p for p in catalog.policies if p.provider == provider]
    checks = Counter(p.resource_type for p in policies)
    units = [
        unit
        for group in _closed_groups(counts, policies)
        for unit in _units(group, counts, sizes, policies, limit)
    ]

    def weight(unit: _Unit) -> int:
        # Resources times the checks that judge them (plus one for parsing them).
        return sum(n * (1 + checks[t]) for t, n in unit.counts.items())

    bins: list[list[_Unit]] = [[] for _ in range(max(1, slices))]
    for unit in sorted(units, key=lambda u: (-weight(u), u.order)):
        if unit.sliced is None:  # an id range starts a part of its own
            fits = [b for b in bins if sum(u.size for u in b) + unit.size <= limit]
        else:
            fits = [b for b in bins if not b]
        if not fits:
            bins.append([])
            fits = bins[-1:]
        min(fits, key=lambda b: sum(weight(u) for u in b)).append(unit)
    return [b for b in bins if b]


@dataclass
class _Unit:
    """Types that travel together (``whole``), and at most one type cut to a range of
    its sorted ids (``span``, one of ``ranges``)."""

    whole: frozenset[str]
    counts: dict[str, int]
    size: int
    order: tuple[str, ...]
    sliced: str | None = None
    span: tuple[int, int] = (0, 0)
    ranges: int = 1


def _units(
    group: set[str],
    counts: Mapping[str, int],
    sizes: Mapping[str, int],
    policies: list[Policy],
    limit: int,
) -> list[_Unit]:
    """One group of types as one unit, or, if it is over ``limit``, cut: its largest
    cuttable types in id ranges, each range with the types its readers read beside it,
    and the rest of the group regrouped (and cut again if need be) by the checks that
    read no cut type."""
    total = sum(sizes[t] for t in group)
    order = tuple(sorted(group))
    if total <= limit:
        return [_Unit(frozenset(group), {t: counts[t] for t in group}, total, order)]
    cuttable = sorted(
        (t for t in group if counts[t] > 1 and _id_splittable(t, policies)),
        key=lambda t: (-sizes[t], t),
    )
    sliced: list[str] = []
    rest = total
    for t in cuttable:
        if rest <= limit // 2:
            break
        # A check reading two cut types would see neither whole: cut one of them.
        if any(t in p.depends_on and p.depends_on & set(sliced) for p in policies):
            continue
        sliced.append(t)
        rest -= sizes[t]
    if not sliced:
        return [_Unit(frozenset(group), {t: counts[t] for t in group}, total, order)]
    units = []
    for t in sliced:
        # What the checks that read t read besides: it travels whole with each range.
        beside = {d for p in policies if t in p.depends_on for d in p.depends_on} & group - {t}
        base = sum(sizes[d] for d in beside)
        room = max(limit - base, limit // 4)
        n = -(-sizes[t] // room)
        step = -(-counts[t] // n)
        spans = [(i, min(i + step, counts[t])) for i in range(0, counts[t], step)]
        per_id = sizes[t] / counts[t]
        units += [
            _Unit(frozenset(beside), {**{d: counts[d] for d in beside}, t: stop - start},
                  base + int(per_id * (stop - start)), (*order, t, f"{start:012d}"),
                  sliced=t, span=(start, stop), ranges=len(spans))
            for start, stop in spans
        ]  # fmt: skip
    others = [p for p in policies if not p.depends_on & set(sliced)]
    remaining = {t: counts[t] for t in group - set(sliced)}
    for part in _closed_groups(remaining, others):
        units += _units(part, counts, sizes, policies, limit)
    return units


def _id_splittable(rtype: str, policies: Iterable[Policy]) -> bool:
    """A type may go in id ranges when every check of it judges it one resource at a
    time, every other check that reads it reads it one resource at a time, and no check
    reads every type."""
    for policy in policies:
        if ALL in policy.depends_on:
            return False
        if rtype not in policy.depends_on:
            continue
        if policy.resource_type == rtype:
            if not policy.id_splittable:
                return False
        elif rtype not in policy.splits_over:
            return False
    return True


def _share(units: list[_Unit], policies: list[Policy], present: set[str]) -> _Share:
    """Which checks a part of ``units`` answers for (see :class:`_Share`)."""
    complete = {t for u in units for t in u.whole}
    spans = {u.sliced: u.span for u in units if u.sliced is not None}
    ranges = {u.sliced: u.ranges for u in units if u.sliced is not None}
    whole = frozenset(
        p.key
        for p in policies
        if not (p.depends_on & spans.keys())
        and (deps := p.depends_on & present)
        and deps <= complete
    )
    cut = {
        p.key: ranges[t]
        for p in policies
        for t in p.depends_on & spans.keys()
        if (p.depends_on - {t}) & present <= complete
    }
    return _Share(whole, cut, spans)


def _union(pieces: list[Mapping[str, Any]]) -> dict[str, Any]:
    """One check's answer over a whole type from its answers over the type's id ranges:
    each solution of ``deny`` and ``applies`` holds one resource, so theirs is the union."""
    deny = [entry for piece in pieces for entry in piece.get("deny") or ()]
    applies = [piece["applies"] for piece in pieces if piece.get("applies") is not None]
    merged: dict[str, Any] = {"deny": deny}
    if applies:
        merged["applies"] = sorted({rid for each in applies for rid in each})
    return merged


def _closed_groups(resources: Iterable[str], policies: Iterable[Policy]) -> list[set[str]]:
    """The snapshot's types, grouped so that every check's types fall in one group
    (one group of all of them if a check reads every type)."""
    group = {t: {t} for t in resources}
    for policy in policies:
        if ALL in policy.depends_on:
            return [set(resources)]
        present = [t for t in policy.depends_on if t in group]
        for t in present[1:]:
            a, b = group[present[0]], group[t]
            if a is not b:
                a |= b
                for member in b:
                    group[member] = a
    unique = {id(g): g for g in group.values()}
    return list(unique.values())


def findings_for_snapshot(
    snap: Snapshot, catalog: Catalog, results: Mapping[str, Any]
) -> list[Finding]:
    """Turn the entrypoint's answer for one snapshot into a verdict per resource."""
    verdicts = _Verdicts(snap, catalog)
    verdicts.take(None, results)
    return verdicts.findings()


class _Index:
    """Per-snapshot lookups shared by every check: sorted ids, resource refs, and the
    fields each resource could not have collected. Built lazily, once per type."""

    def __init__(self, snap: Snapshot):
        self.snap = snap
        self.gaps = snap.coverage
        self._sorted: dict[str, list[str]] = {}
        self._refs: dict[tuple[str, str], ResourceRef] = {}
        self._unknown: dict[str, dict[str, frozenset[str]]] = {}
        self._by_type: dict[str, dict[str, ResourceRef]] = {}

    def ids(self, rtype: str) -> list[str]:
        found = self._sorted.get(rtype)
        if found is None:
            found = self._sorted[rtype] = sorted(self.snap.resources.get(rtype, {}))
        return found

    def unknown(self, rtype: str) -> dict[str, frozenset[str]]:
        """Resources of ``rtype`` that name unknown fields, with those fields."""
        found = self._unknown.get(rtype)
        if found is None:
            found = self._unknown[rtype] = {
                rid: frozenset(doc["unknown"])
                for rid, doc in self.snap.resources.get(rtype, {}).items()
                if doc.get("unknown")
            }
        return found

    def refs(self, rtype: str) -> dict[str, ResourceRef]:
        """The refs of every resource of ``rtype``, by id."""
        found = self._by_type.get(rtype)
        if found is None:
            found = self._by_type[rtype] = {
                rid: self.ref(rtype, rid) for rid in self.snap.resources.get(rtype, {})
            }
        return found

    def ref(self, rtype: str, rid: str) -> ResourceRef:
        key = (rtype, rid)
        found = self._refs.get(key)
        if found is None:
            doc = self.snap.resources.get(rtype, {}).get(rid)
            found = self._refs[key] = _resource_ref(self.snap, rtype, rid, doc)
        return found


def _policy_findings(
    index: _Index, policy: Policy, result: Mapping[str, Any], *, gap_rows: bool = True
) -> list[Finding]:
    snap, rtype = index.snap, policy.resource_type
    denied: dict[str, list[str]] = {}
    for entry in result.get("deny") or ():
        rid, message = _deny_entry(policy, entry)
        denied.setdefault(rid, []).append(message)
    applies = result.get("applies")
    applicable = set(applies) if applies is not None else None
    blind = _blind_reasons(index, policy)
    reads_all = ALL in policy.reads
    unknown = index.unknown(rtype)
    uid_base = hashlib.sha256(f"{snap.provider}\x1f{snap.account_id}\x1f{policy.id}\x1f".encode())
    out: list[Finding] = []
    # Hundreds of thousands of findings: what they share is looked up once.
    shared = {
        **_FINDING_DEFAULTS,
        "policy_id": policy.id,
        "title": policy.title,
        "severity": policy.severity,
        "remediation": policy.remediation,
        "compliance": policy.compliance,
    }
    refs, new_uid, append = index.refs(rtype), uid_base.copy, out.append

    def emit(rid: str, status: Status, message: str) -> None:
        uid = new_uid()
        uid.update(rid.encode())
        finding = _new(Finding)
        # A frozen dataclass's __init__ sets each field through object.__setattr__, three
        # times the cost of filling its __dict__: the same object, built directly.
        values = finding.__dict__
        values.update(shared)
        values["uid"] = uid.hexdigest()[:32]
        values["status"] = status
        values["message"] = message
        values["resource"] = refs.get(rid) or index.ref(rtype, rid)
        append(finding)

    for rid in index.ids(rtype):
        if applicable is not None and rid not in applicable:
            continue
        fields = unknown.get(rid)
        missing = sorted(fields if reads_all else fields & policy.reads) if fields else ()
        if blind:
            emit(rid, Status.UNKNOWN, f"not assessed: {blind}")
        elif missing:
            emit(rid, Status.UNKNOWN, f"not assessed: {', '.join(missing)} could not be collected")
        elif rid in denied:
            emit(rid, Status.FAIL, "; ".join(sorted(set(denied[rid]))))
        else:
            emit(rid, Status.PASS, "")
    resources = snap.resources.get(rtype, {})
    for rid in sorted(set(denied) - set(resources)):
        if applicable is None or rid in applicable:
            emit(rid, Status.FAIL, "; ".join(sorted(set(denied[rid]))))
    for gap in index.gaps if gap_rows else ():
        if rtype in gap.resource_types:
            emit(f"{rtype}/{gap.region}/*", Status.UNKNOWN, f"not assessed: {_gap_text(gap)}")
    return out


def _blind_reasons(index: _Index, policy: Policy) -> str:
    """Why every result of ``policy`` is UNKNOWN, if it is: a listing it reads failed, or
    a field it reads is unknown on another type's resource."""
    rtype = policy.resource_type
    reasons = [
        _gap_text(g)
        for g in index.gaps
        if rtype not in g.resource_types
        and (ALL in policy.depends_on or policy.depends_on & set(g.resource_types))
    ]
    for other in sorted(policy.depends_on - {rtype, ALL}):
        fields: set[str] = set()
        for names in index.unknown(other).values():
            fields |= names if ALL in policy.reads else names & policy.reads
        if fields:
            reasons.append(f"{', '.join(sorted(fields))} of {other} could not be collected")
    return "; ".join(reasons)


def _deny_entry(policy: Policy, entry: Any) -> tuple[str, str]:
    if isinstance(entry, Mapping) and isinstance(entry.get("resource"), str):
        return entry["resource"], str(entry.get("message") or policy.title)
    raise EngineError(
        f"{policy.file}: deny of {policy.id} must hold objects "
        f'{{"resource": id, "message": text}}, got {entry!r}'
    )


def _gap_text(gap: CoverageGap) -> str:
    text = f"{gap.service} in {gap.region} was {gap.status}"
    return f"{text} ({gap.detail})" if gap.detail else text


def _resource_ref(
    snap: Snapshot, rtype: str, rid: str, doc: Mapping[str, Any] | None
) -> ResourceRef:
    doc = doc or {}
    return ResourceRef(
        id=rid,
        type=rtype,
        provider=snap.provider,
        account=snap.account_id,
        region=str(doc.get("region", "")),
        name=str(doc.get("name", "")),
        tags=dict(doc.get("tags", {})),
    )
