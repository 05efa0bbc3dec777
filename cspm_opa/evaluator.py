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
) -> list[Finding]:
    """Evaluate every check of ``engine.catalog`` over each snapshot.

    One request per snapshot (large snapshots are split by resource type across
    concurrent requests, since one OPA evaluation uses one core). Findings come back
    ordered by snapshot, then policy id, then resource id.
    """
    snaps = list(snapshots)
    workers = workers or min(4, os.cpu_count() or 1)
    stats = stats if stats is not None else EvaluationStats()
    catalog = engine.catalog
    jobs = [(i, part) for i, s in enumerate(snaps) for part in _parts(s, catalog, workers)]
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

    def take(self, owned: frozenset[str] | None, results: Mapping[str, Any]) -> None:
        """Judge the checks this answer is authoritative for: those whose types it holds.
        A check whose types the snapshot lacks answers the same in every part."""
        for policy in self.policies:
            result = results.get(policy.key)
            if result is None or policy.key in self.done:
                continue
            if owned is None or not owned.isdisjoint(policy.depends_on):
                self.done[policy.key] = _policy_findings(self.index, policy, result)
            else:
                self.unowned.setdefault(policy.key, result)

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


def _parts(
    snap: Snapshot, catalog: Catalog, workers: int
) -> list[tuple[frozenset[str] | None, Mapping[str, Any]]]:
    """The documents to send for one snapshot: itself, or slices of its resource types.

    Every check of the snapshot's provider is evaluated in every request, so a slice is
    closed under the checks' reads: types that one check reads together always travel
    together (a trail with the buckets its checks read), so no type is sent, parsed and
    judged twice. The groups are packed, heaviest first, into twice as many slices as
    workers, so a worker that finishes early takes the next slice.
    """
    resources = snap.resources
    if workers < 2 or snap.resource_count() <= SPLIT_THRESHOLD or len(resources) < 2:
        return [(None, snap.document)]
    policies = [p for p in catalog.policies if p.provider == snap.provider]
    groups = _closed_groups(resources, policies)
    if len(groups) < 2:
        return [(None, snap.document)]
    checks = Counter(p.resource_type for p in policies)

    def weight(types: Iterable[str]) -> int:
        # Resources times the checks that judge them (plus one for parsing them).
        return sum(len(resources[t]) * (1 + checks[t]) for t in types)

    bins: list[tuple[int, set[str]]] = [(0, set()) for _ in range(2 * workers)]
    for group in sorted(groups, key=lambda g: (-weight(g), sorted(g))):
        size, owned = min(bins, key=lambda b: b[0])
        bins.remove((size, owned))
        bins.append((size + weight(group), owned | group))
    parts: list[tuple[frozenset[str] | None, Mapping[str, Any]]] = []
    for _, owned in sorted(bins, key=lambda b: -b[0]):
        if owned:
            doc = dict(snap.document)
            doc["resources"] = {t: resources[t] for t in sorted(owned)}
            parts.append((frozenset(owned), doc))
    return parts


def _closed_groups(resources: Mapping[str, Any], policies: Iterable[Policy]) -> list[set[str]]:
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


def _policy_findings(index: _Index, policy: Policy, result: Mapping[str, Any]) -> list[Finding]:
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
    for gap in index.gaps:
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
