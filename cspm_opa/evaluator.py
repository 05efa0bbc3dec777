"""Snapshots -> engine -> findings.

Every check gets a verdict on every resource of its type: FAIL where its ``deny`` names
the resource, PASS otherwise, UNKNOWN where the data it reads was not collected. Nothing
the engine reports is dropped: a deny that names a resource missing from the snapshot is
still a FAIL.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
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
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(jobs)))) as pool:
        answers = list(pool.map(lambda job: engine.evaluate_document(job[1][1]), jobs))
    merged: list[dict[str, Any]] = [{} for _ in snaps]
    by_key = catalog.by_key()
    for (i, (owned, _doc)), answer in zip(jobs, answers, strict=True):
        stats.add(answer.metrics)
        if not isinstance(answer.result, dict):
            raise EngineError(f"entrypoint returned {type(answer.result).__name__}, not an object")
        for key, value in answer.result.items():
            policy = by_key.get(key)
            # A split request answers for the checks of the types it owns; checks of a type
            # the snapshot lacks answer the same (nothing) everywhere, so any part will do.
            if owned is None or policy is None or policy.resource_type in owned:
                merged[i][key] = value
            else:
                merged[i].setdefault(key, value)
    findings: list[Finding] = []
    for snap, results in zip(snaps, merged, strict=True):
        findings.extend(findings_for_snapshot(snap, catalog, results))
    return findings


def _parts(
    snap: Snapshot, catalog: Catalog, workers: int
) -> list[tuple[frozenset[str] | None, Mapping[str, Any]]]:
    """The documents to send for one snapshot: itself, or per-group slices of its types.

    Each slice owns some resource types and carries, besides them, every type that a
    check of an owned type reads; results are taken only for checks of owned types.
    """
    resources = snap.resources
    if workers < 2 or snap.resource_count() <= SPLIT_THRESHOLD or len(resources) < 2:
        return [(None, snap.document)]
    bins: list[tuple[int, set[str]]] = [(0, set()) for _ in range(workers)]
    for rtype in sorted(resources, key=lambda t: -len(resources[t])):
        size, owned = min(bins, key=lambda b: b[0])
        bins.remove((size, owned))
        owned.add(rtype)
        bins.append((size + len(resources[rtype]), owned))
    parts: list[tuple[frozenset[str] | None, Mapping[str, Any]]] = []
    for _, owned in bins:
        if not owned:
            continue
        needed = set(owned)
        for policy in catalog.policies:
            if policy.resource_type in owned:
                needed |= policy.depends_on
        doc = dict(snap.document)
        if ALL not in needed:
            doc["resources"] = {t: resources[t] for t in needed if t in resources}
        parts.append((frozenset(owned), doc))
    return parts


def findings_for_snapshot(
    snap: Snapshot, catalog: Catalog, results: Mapping[str, Any]
) -> list[Finding]:
    """Turn the entrypoint's answer for one snapshot into a verdict per resource."""
    findings: list[Finding] = []
    index = _Index(snap)
    for policy in catalog.policies:
        if policy.provider != snap.provider:
            continue
        result = results.get(policy.key)
        if result is None:
            raise EngineError(
                f"the engine returned no result for {policy.id} ({policy.package}): "
                "are its policies the same as the local catalog?"
            )
        findings.extend(_policy_findings(index, policy, result))
    return findings


class _Index:
    """Per-snapshot lookups shared by every check: sorted ids, resource refs, and the
    fields each resource could not have collected. Built lazily, once per type."""

    def __init__(self, snap: Snapshot):
        self.snap = snap
        self.gaps = snap.coverage
        self._sorted: dict[str, list[str]] = {}
        self._refs: dict[tuple[str, str], ResourceRef] = {}
        self._unknown: dict[str, dict[str, frozenset[str]]] = {}

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

    def emit(rid: str, status: Status, message: str) -> None:
        uid = uid_base.copy()
        uid.update(rid.encode())
        out.append(
            Finding(
                uid=uid.hexdigest()[:32],
                policy_id=policy.id,
                title=policy.title,
                severity=policy.severity,
                status=status,
                message=message,
                remediation=policy.remediation,
                resource=index.ref(rtype, rid),
                compliance=policy.compliance,
            )
        )

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
