"""The AWS collector: read-only boto3 collection of one account or many.

``collect(request)`` returns one snapshot document per account. For each account it
asks STS who it is, settles the regions, and runs (region, service) work units on a
thread pool of ``request.workers`` threads; what the units read goes to the pure
normalizers in :mod:`cspm_opa.normalize.aws`. What could not be read is recorded (a
coverage entry, or a field named in a resource's ``unknown``), never guessed. An
account that cannot be read at all (its profile is missing or gives no credentials, STS
refuses, or it is not the account the accounts file expected) becomes a snapshot holding
nothing but that fact, so every check is UNKNOWN for it and the other accounts are still
scanned; an accounts-file entry with no account id is named by its place in the file
(``accounts.yaml:12``). Only when no account at all could be read is it an error, a
:class:`CollectionError`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cspm_opa.collect import CollectRequest
from cspm_opa.collect.aws.account import account_units
from cspm_opa.collect.aws.api import Api, CallFailed
from cspm_opa.collect.aws.compute import compute_units
from cspm_opa.collect.aws.ec2 import ec2_units
from cspm_opa.collect.aws.iam import iam_units
from cspm_opa.collect.aws.monitoring import monitoring_units
from cspm_opa.collect.aws.regional import regional_units
from cspm_opa.collect.aws.runner import RunStats, Unit, gap, run_units
from cspm_opa.collect.aws.s3 import s3_units
from cspm_opa.collect.aws.session import DEFAULT_REGION, Target, targets_for
from cspm_opa.collect.aws.storage import storage_units
from cspm_opa.collect.aws.trail import trail_units
from cspm_opa.errors import CollectionError, ConfigError
from cspm_opa.normalize.aws import Facts, build_snapshot

__all__ = [
    "AccountUnreadable",
    "CollectStats",
    "Plan",
    "collect",
    "collect_account",
    "global_units",
    "identify",
    "region_units",
    "units_for",
]

Progress = Callable[[str], None]


class AccountUnreadable(CollectionError):
    """An account of which nothing could be read; ``status`` says why, as coverage does."""

    def __init__(self, message: str, status: str):
        super().__init__(message)
        self.status = status


@dataclass
class CollectStats(RunStats):
    """Run statistics of one account: work units, seconds, failed calls, API calls."""

    calls: int = 0


def collect(request: CollectRequest) -> list[dict[str, Any]]:
    """One snapshot document per account that ``request`` names, in the order named."""
    return list(collect_each(request))


def collect_each(request: CollectRequest) -> Iterator[dict[str, Any]]:
    """:func:`collect`'s documents, each yielded once its account is collected. An
    account that cannot be read at all gives a snapshot of its gaps; if none can be read,
    CollectionError is raised and nothing is yielded (the gaps wait for a first success)."""
    waiting: list[tuple[Target, CollectionError | None]] = []
    failed: list[CollectionError] = []
    read_one = False
    for target in targets_for(request):
        try:
            doc = collect_account(target, request)[0]
        except CollectionError as exc:
            failed.append(exc)
            waiting.append((target, exc))
            if not read_one:
                continue  # nothing read yet: the gaps wait for a first success
        else:
            read_one = True
            waiting.append((target, None))
        for each, exc_or_none in waiting:
            if exc_or_none is None:
                yield doc
            else:
                _say(request.progress, f"aws {_label(each)}: nothing could be read ({exc_or_none})")
                yield _blind_snapshot(each, exc_or_none)
        waiting = []
    if not read_one:
        raise CollectionError("\n".join(str(exc) for exc in failed))


def units_for(account_id: str, home: str, regions: list[str]) -> list[Unit]:
    """Every work unit of one account: global services once, the rest per region."""
    units = global_units(account_id, home)
    for region in regions:
        units.extend(region_units(region))
    return units


def global_units(account_id: str, home: str) -> list[Unit]:
    """The units of the account's global services (IAM, account settings, S3), called
    in ``home``."""
    return [*iam_units(home), *account_units(home, account_id), *s3_units(home)]


def region_units(region: str) -> list[Unit]:
    """The units of one region's regional services."""
    return [
        *ec2_units(region),
        *regional_units(region),
        *trail_units(region),
        *monitoring_units(region),
        *storage_units(region),
        *compute_units(region),
    ]


Plan = Callable[[str, str, list[str]], list[Unit]]
"""(account id, home region, regions) -> the work units to run."""


def collect_account(
    target: Target, request: CollectRequest, *, plan: Plan | None = None
) -> tuple[dict[str, Any], CollectStats]:
    """Collect one account; return its snapshot document and how the run went.

    ``plan`` picks the work units (default :func:`units_for`, all of them): a change
    event re-collects only the resources it touched and the settings their checks read.
    """
    started = time.monotonic()
    taken_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    workers = max(1, request.workers)
    api, found = identify(target, request)
    account_id, partition, home, regions = found
    units = (plan or units_for)(account_id, home, regions)
    say = request.progress
    _say(say, f"aws {account_id}: {len(regions)} region(s), {len(units)} work units, "
              f"{workers} workers")  # fmt: skip
    records, coverage, run = run_units(
        units, api, workers=workers, on_done=_reporter(say, account_id)
    )
    facts = Facts(account_id, partition, regions, taken_at, records, coverage)
    doc = build_snapshot(facts, name=target.name, labels=target.labels)
    stats = CollectStats(units=run.units, seconds=time.monotonic() - started, failures=run.failures)
    stats.calls = api.calls
    count = sum(len(by_id) for by_id in doc["resources"].values())
    _say(say, f"aws {account_id}: {count} resources from {api.calls} API calls "
              f"in {stats.seconds:.1f}s; {len(coverage)} coverage gap(s)")  # fmt: skip
    return doc, stats


def identify(
    target: Target, request: CollectRequest
) -> tuple[Api, tuple[str, str, str, list[str]]]:
    """Ask STS who ``target`` is and settle its regions: an :class:`Api` on its session,
    and (account id, partition, home region, regions). Raises :class:`AccountUnreadable`
    when the account cannot be read or is not the one expected."""
    if target.failure is not None:
        raise AccountUnreadable(target.failure, "error")
    api = Api(target.session, workers=max(1, request.workers))
    home = target.session.region_name or DEFAULT_REGION
    where = f"{target.where}: " if target.where else ""
    try:
        identity = api.call("sts", home, "get_caller_identity") or {}
    except CallFailed as exc:
        raise AccountUnreadable(
            f"{where}cannot read AWS with {target.via}: "
            f"{exc.operation} was {exc.status} ({exc.detail})",
            exc.status,
        ) from exc
    account_id = str(identity["Account"])
    if target.account_id and target.account_id != account_id:
        # Reading on would put one account's resources under another's id.
        raise AccountUnreadable(
            f"{where}expected account {target.account_id}, reached {account_id} "
            f"with {target.via}; nothing was read",
            "error",
        )
    partition = str(identity.get("Arn", "arn:aws:")).split(":")[1] or "aws"
    regions = _regions(api, home, target.regions or request.regions)
    if home not in regions:
        home = regions[0]
    return api, (account_id, partition, home, regions)


def _regions(api: Api, home: str, asked: tuple[str, ...] | None) -> list[str]:
    if not asked:
        return [home]
    if tuple(asked) != ("all",):
        if "all" in asked:
            raise ConfigError('--regions "all" cannot be combined with region names')
        return list(dict.fromkeys(asked))
    try:
        found = api.pages(
            "ec2",
            home,
            "describe_regions",
            "Regions",
            Filters=[{"Name": "opt-in-status", "Values": ["opt-in-not-required", "opted-in"]}],
        )
    except CallFailed as exc:
        raise CollectionError(
            f"cannot list the account's enabled regions ({exc.operation}: {exc.detail}); "
            "name them with --regions"
        ) from exc
    return sorted(r["RegionName"] for r in found)


def _reporter(say: Progress | None, account_id: str) -> Callable[[int, int], None]:
    last = [time.monotonic()]

    def report(done: int, known: int) -> None:
        now = time.monotonic()
        if say is not None and now - last[0] >= 2.0:
            last[0] = now
            say(f"aws {account_id}: {done}/{known} work units done")

    return report


def _label(target: Target) -> str:
    """The account id, or for an accounts-file entry without one, its place in the file."""
    return target.account_id or target.entry or target.via


def _say(progress: Progress | None, message: str) -> None:
    if progress is not None:
        progress(message)


def _blind_snapshot(target: Target, failure: CollectionError) -> dict[str, Any]:
    """A snapshot of an account that could not be read: every AWS resource type is
    a coverage gap, so every check reports UNKNOWN for it."""
    from cspm_opa.schemas import default_store

    types = [t for t in default_store().resource_types() if t.startswith("aws_")]
    account: dict[str, Any] = {"id": _label(target)}
    if target.name:
        account["name"] = target.name
    if target.labels:
        account["labels"] = dict(target.labels)
    return {
        "schema_version": "1",
        "provider": "aws",
        "account": account,
        "taken_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "regions": list(target.regions or ()) if target.regions != ("all",) else [],
        "resources": {},
        "coverage": [
            gap("sts", "global", getattr(failure, "status", "error"), str(failure)[:500], types)
        ],
    }
