"""Work units on a thread pool: the collector's unit of concurrency and of failure.

A :class:`Unit` reads one thing (a listing in one region, the details of one bucket)
and returns an :class:`Outcome`: records for the normalizers, coverage entries for what
failed as a whole, and follow-up units (one per bucket, key, function, ...) that join the
same pool. A unit that fails in a way its code did not foresee becomes a coverage entry
of its own service and region: one failing region or service never stops the scan.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from cspm_opa.collect.aws.api import Api, CallFailed
from cspm_opa.normalize.aws import Record

__all__ = ["Failure", "Outcome", "RunStats", "Unit", "gap", "merge_outcomes", "run_units"]


def gap(
    service: str, region: str, status: str, detail: str, resource_types: Sequence[str]
) -> dict[str, Any]:
    """A coverage entry (schemas/snapshot.json)."""
    entry: dict[str, Any] = {
        "service": service,
        "region": region,
        "status": status,
        "resource_types": list(resource_types),
    }
    if detail:
        entry["detail"] = detail
    return entry


@dataclass
class Outcome:
    records: list[Record] = field(default_factory=list)
    coverage: list[dict[str, Any]] = field(default_factory=list)
    followups: list[Unit] = field(default_factory=list)


@dataclass(frozen=True)
class Unit:
    """One piece of work. ``resource_types`` are what it feeds, for its coverage entry
    should it fail unexpectedly."""

    service: str
    region: str
    resource_types: tuple[str, ...]
    run: Callable[[Api], Outcome]


@dataclass(frozen=True)
class Failure:
    """One call that did not answer: a whole listing (also in coverage) or a detail (a
    field named in some resource's ``unknown``)."""

    service: str
    region: str
    operation: str
    status: str
    detail: str


@dataclass
class RunStats:
    """How a run went: work units done, seconds taken, and every call that failed."""

    units: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)


def _run_safely(unit: Unit, api: Api) -> Outcome:
    try:
        return unit.run(api)
    except CallFailed as exc:
        detail = f"{exc.operation}: {exc.detail}"
        return Outcome(
            coverage=[gap(unit.service, unit.region, exc.status, detail, unit.resource_types)]
        )
    except Exception as exc:  # a payload we did not expect must not end the scan
        detail = f"{type(exc).__name__}: {exc}"
        return Outcome(
            coverage=[gap(unit.service, unit.region, "error", detail, unit.resource_types)]
        )


def run_units(
    units: Iterable[Unit],
    api: Api,
    *,
    workers: int,
    on_done: Callable[[int, int], None] | None = None,
) -> tuple[list[Record], list[dict[str, Any]], RunStats]:
    """Run ``units`` and their follow-ups on ``workers`` threads until all are done.

    ``on_done(done, known)`` is told of progress after each unit. Records come back in
    a deterministic order (by kind, region, then the order units were created).
    """
    started = time.monotonic()
    results: list[tuple[int, Outcome]] = []
    stats = RunStats()
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="cspm-aws") as pool:
        pending: dict[Future[Outcome], int] = {}
        order = 0
        for unit in units:
            pending[pool.submit(_run_safely, unit, api)] = order
            order += 1
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                seq = pending.pop(future)
                outcome = future.result()
                results.append((seq, outcome))
                for follow in outcome.followups:
                    pending[pool.submit(_run_safely, follow, api)] = order
                    order += 1
                stats.units += 1
                if on_done is not None:
                    on_done(stats.units, stats.units + len(pending))
    results.sort(key=lambda item: item[0])
    records, coverage = merge_outcomes([outcome for _, outcome in results])
    stats.failures = _failures(records, coverage)
    stats.seconds = time.monotonic() - started
    return records, coverage, stats


def merge_outcomes(outcomes: Sequence[Outcome]) -> tuple[list[Record], list[dict[str, Any]]]:
    """One account's records and coverage from its outcomes, given in the order their
    units were created: records by kind and region, coverage deduplicated and sorted.
    (A distributed run merges the outcomes of an account's tasks the same way.)"""
    records = [r for outcome in outcomes for r in outcome.records]
    records.sort(key=lambda r: (r.kind, r.region))
    coverage: list[dict[str, Any]] = []
    for outcome in outcomes:
        for entry in outcome.coverage:
            if entry not in coverage:
                coverage.append(entry)
    coverage.sort(key=lambda e: (e["service"], e["region"], e["status"]))
    return records, coverage


def _failures(records: Sequence[Record], coverage: Sequence[dict[str, Any]]) -> list[Failure]:
    out = []
    for entry in coverage:
        operation, _, detail = str(entry.get("detail", "")).partition(": ")
        out.append(Failure(entry["service"], entry["region"], operation, entry["status"], detail))
    for record in records:
        for operation, reason in record.failed.items():
            status, _, detail = reason.partition(": ")
            service = record.kind.split(".", 1)[0]
            out.append(Failure(service, record.region, operation, status, detail))
    return out
