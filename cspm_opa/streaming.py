"""Evaluating snapshots a part at a time, handing findings on as each part answers.

:func:`cspm_opa.evaluate` holds every snapshot and every finding; that is what the
reports need, and it is the fastest way for estates up to a few hundred thousand
resources. A million resources do not fit in that way. Here a snapshot file in the line
layout (:mod:`cspm_opa.snapshot_lines`) is indexed without decoding its resources, cut
into parts by the evaluator's own plan (by type, and by id range where the checks allow,
each part at most ``max_part_bytes`` of JSON), and each part is read, validated, sent to
OPA and judged on its own. At most ``workers`` parts are read or in flight at once, and
each part's findings go to ``emit`` and are dropped. A file in another layout is read
whole first, then cut the same way.

A check is judged once: from the first part that holds every type it reads, or, when
its type is cut in id ranges, range by range (those checks name only the resources of
the range they iterate, see :mod:`cspm_opa.engine.splitting`). Findings arrive part by
part, not sorted by check and resource as :func:`cspm_opa.evaluate` returns them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cspm_opa import _json
from cspm_opa.engine.base import Engine
from cspm_opa.engine.client import EvalResponse
from cspm_opa.errors import EngineError, SnapshotError
from cspm_opa.evaluator import (
    MAX_PART_BYTES,
    SPLIT_THRESHOLD,
    EvaluationStats,
    _Index,
    _plan,
    _policy_findings,
    _Share,
    _share,
    _union,
    _Unit,
)
from cspm_opa.model import Finding, Snapshot
from cspm_opa.schemas import default_store
from cspm_opa.snapshot_lines import index_lines
from cspm_opa.snapshots import load_snapshot, snapshot_from_dict

__all__ = ["OPA_MEMORY_LIMIT", "PartSource", "evaluate_parts", "open_source"]

OPA_MEMORY_LIMIT = "1GiB"
"""GOMEMLIMIT for the OPA a streamed run starts (unless already set): Go's collector
otherwise lets the heap grow to twice what two parts in flight hold."""

Reader = Callable[[str, int, int], dict[str, Any]]


@dataclass(frozen=True)
class PartSource:
    """One snapshot to evaluate in parts: its envelope (a snapshot without resources),
    how many resources and JSON bytes each type has, and a reader of any run of one
    type's resources (by position in the source's order)."""

    envelope: Snapshot
    counts: Mapping[str, int]
    sizes: Mapping[str, int]
    read: Reader

    def resource_count(self) -> int:
        return sum(self.counts.values())


def open_source(path: str | os.PathLike[str]) -> PartSource:
    """A snapshot file as a :class:`PartSource`: indexed if it is in the line layout,
    else read and validated whole."""
    index = index_lines(path)
    if index is None:
        return memory_source(load_snapshot(path))
    envelope = snapshot_from_dict({**index.header, "resources": {}}, source=os.fspath(path))
    return PartSource(
        envelope,
        {t: len(run) for t, run in index.types.items()},
        {t: run.size() + len(run) + 1 for t, run in index.types.items()},
        index.resources,
    )


def memory_source(snap: Snapshot) -> PartSource:
    """A snapshot already in memory, as a :class:`PartSource` (ids in sorted order)."""
    resources = snap.resources
    order: dict[str, list[str]] = {}

    def read(rtype: str, start: int, stop: int) -> dict[str, Any]:
        by_id = resources[rtype]
        if start == 0 and stop >= len(by_id):
            return dict(by_id)
        ids = order.get(rtype)
        if ids is None:
            ids = order[rtype] = sorted(by_id)
        return {rid: by_id[rid] for rid in ids[start:stop]}

    envelope = Snapshot({**snap.document, "resources": {}}, snap.provider, snap.account_id,
                        snap.taken_at, snap.source)  # fmt: skip
    return PartSource(
        envelope,
        {t: len(v) for t, v in resources.items()},
        {t: len(_json.dumps(v, indent=False)) for t, v in resources.items()},
        read,
    )


def evaluate_parts(
    sources: Iterable[PartSource],
    engine: Engine,
    emit: Callable[[Sequence[Finding]], None],
    *,
    workers: int | None = None,
    max_part_bytes: int | None = None,
    stats: EvaluationStats | None = None,
) -> None:
    """Evaluate every check over each source, part by part, calling ``emit`` with each
    part's findings (and, last, those of checks whose types a snapshot lacks)."""
    workers = workers or min(4, os.cpu_count() or 1)
    stats = stats if stats is not None else EvaluationStats()
    for source in sources:
        _Run(source, engine, emit, stats).run(workers, max_part_bytes or MAX_PART_BYTES)


class _Run:
    """One snapshot's parts: planned, read and sent (bounded), judged as they answer."""

    def __init__(
        self,
        source: PartSource,
        engine: Engine,
        emit: Callable[[Sequence[Finding]], None],
        stats: EvaluationStats,
    ):
        self.source, self.engine, self.emit, self.stats = source, engine, emit, stats
        snap = source.envelope
        self.policies = [p for p in engine.catalog.policies if p.provider == snap.provider]
        self.present = {t for t, n in source.counts.items() if n}
        self.done: set[str] = set()
        self.cut: set[str] = set()
        self.unowned: dict[str, Any] = {}
        self.pieces: dict[str, list[Any]] = {}
        self.unknown: dict[str, set[str]] = {}

    def run(self, workers: int, limit: int) -> None:
        source = self.source
        slices = 2 * workers if workers >= 2 and source.resource_count() > SPLIT_THRESHOLD else 1
        counts = {t: n for t, n in source.counts.items() if n}
        bins = _plan(source.envelope.provider, counts, source.sizes, self.engine.catalog,
                     slices=slices, limit=limit) or [[]]  # fmt: skip
        todo = iter(bins)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cspm-part") as pool:
            pending: set[Future[tuple[_Share, Snapshot, EvalResponse]]] = set()
            for units in todo:
                pending.add(pool.submit(self._send, units))
                if len(pending) >= workers:
                    break
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    self._judge(*future.result())
                    nxt = next(todo, None)
                    if nxt is not None:
                        pending.add(pool.submit(self._send, nxt))
        self._rest()

    def _send(self, units: list[_Unit]) -> tuple[_Share, Snapshot, EvalResponse]:
        """Read one part, validate it, and have it evaluated."""
        source = self.source
        share = _share(units, self.policies, self.present)
        resources = {t: source.read(t, 0, source.counts[t]) for u in units for t in u.whole}
        for rtype, (start, stop) in share.spans.items():
            resources[rtype] = source.read(rtype, start, stop)
        env = source.envelope
        doc = {**env.document, "resources": {t: resources[t] for t in sorted(resources)}}
        issues = default_store().snapshot_issues(doc)
        if issues:
            noun = "issue" if len(issues) == 1 else "issues"
            raise SnapshotError(env.source, f"invalid snapshot ({len(issues)} {noun})",
                                tuple(issues))  # fmt: skip
        part = Snapshot(doc, env.provider, env.account_id, env.taken_at, env.source)
        return share, part, self.engine.evaluate_document(doc)

    def _judge(self, share: _Share, part: Snapshot, answer: EvalResponse) -> None:
        self.stats.add(answer.metrics)
        results = answer.result
        if not isinstance(results, dict):
            raise EngineError(f"entrypoint returned {type(results).__name__}, not an object")
        index = _Index(part)
        for rtype in share.spans:  # what a cut type could not collect, over all its ranges
            seen = self.unknown.setdefault(rtype, set())
            for names in index.unknown(rtype).values():
                seen |= names
        # Each check's findings are handed on as they are made, so one check's at most
        # are held at a time.
        for policy in self.policies:
            key = policy.key
            result = results.get(key)
            if result is None or key in self.done:
                continue
            if key in share.whole:
                self.done.add(key)
                self.emit(_policy_findings(index, policy, result))
            elif key in share.ranges and policy.resource_type in share.spans:
                # A check of the cut type names only its range's resources: judged now.
                self.cut.add(key)
                first = share.spans[policy.resource_type][0] == 0
                self.emit(_policy_findings(index, policy, result, gap_rows=first))
            elif key in share.ranges:
                # A check of another type that reads the cut one: its few resources are
                # judged once every range has answered, on the union of the answers.
                pieces = self.pieces.setdefault(key, [])
                pieces.append(result)
                if len(pieces) == share.ranges[key]:
                    del self.pieces[key]
                    self.done.add(key)
                    merged = _Index(part)
                    for rtype in share.spans:
                        merged._unknown[rtype] = {"": frozenset(self.unknown[rtype])}
                    self.emit(_policy_findings(merged, policy, _union(pieces)))
            else:
                self.unowned.setdefault(key, result)

    def _rest(self) -> None:
        """Checks no part held the types of: the snapshot lacks them."""
        index = _Index(self.source.envelope)
        found: list[Finding] = []
        for policy in self.policies:
            if policy.key in self.done or policy.key in self.cut:
                continue
            result = self.unowned.get(policy.key)
            if result is None:
                raise EngineError(
                    f"the engine returned no result for {policy.id} ({policy.package}): "
                    "are its policies the same as the local catalog?"
                )
            found += _policy_findings(index, policy, result)
        self.emit(found)


def total_bytes(paths: Sequence[str]) -> int:
    """The snapshot files' size on disk (0 for one that cannot be read)."""
    total = 0
    for path in paths:
        with suppress(OSError):
            total += Path(path).stat().st_size
    return total
