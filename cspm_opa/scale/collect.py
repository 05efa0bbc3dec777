"""Collection fanned out on an executor that may be a Dask cluster.

AWS runs as one task per account to ask STS who it is and settle its regions, then one
task per (account, global services) and per (account, region). A task carries a
:class:`AwsTicket`, the picklable parameters of its account (profile name, role ARN,
external id, endpoint URL), never a session or a credential: the worker makes its own
session from its own credentials and assumes the role there, once per process and
account. The records and coverage each task read come back as a part of the account's
snapshot and are merged as the threaded collector merges its work units, then
normalized on the client.

Azure runs one task per (subscription, service) and one for the tenant's Entra settings
(:mod:`cspm_opa.scale.azure`). GCP runs one task per project named in the request (one
task for the provider when it names none, as the collector then lists them itself).
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cspm_opa.collect import CollectRequest
from cspm_opa.errors import CollectionError, ConfigError
from cspm_opa.scale.executors import Fanout

__all__ = ["AwsPart", "AwsTicket", "aws_tickets", "collect_on"]

GLOBAL = None
"""The group of an account's global services, beside its regions."""


@dataclass(frozen=True)
class AwsTicket:
    """One account as a worker needs it: how to reach it, no secret."""

    via: str
    profile: str | None = None
    role_arn: str | None = None
    external_id: str | None = None
    account_id: str | None = None
    name: str | None = None
    labels: tuple[tuple[str, str], ...] = ()
    regions: tuple[str, ...] | None = None
    """The account's own regions (from the accounts file), else the request's."""
    where: str | None = None
    entry: str | None = None
    endpoint_url: str | None = None
    """AWS_ENDPOINT_URL of the client, if set: the worker talks to the same endpoint."""
    workers: int = 8
    from_file: bool = False

    def target(self, session: Any, failure: str | None = None) -> Any:
        """The collector's Target for this account, over ``session`` (None: unreadable)."""
        from cspm_opa.collect.aws.session import Target

        return Target(
            session,
            self.via,
            account_id=self.account_id,
            name=self.name,
            labels=dict(self.labels),
            regions=self.regions,
            where=self.where,
            entry=self.entry,
            failure=failure,
        )


@dataclass(frozen=True)
class _Identity:
    account_id: str
    partition: str
    home: str
    regions: tuple[str, ...]
    taken_at: str


@dataclass(frozen=True)
class _Unreadable:
    message: str
    status: str


@dataclass
class AwsPart:
    """What one task read: raw records and coverage entries, for the client to merge."""

    records: list[Any]
    coverage: list[dict[str, Any]]
    calls: int
    units: int


def collect_on(request: CollectRequest, fanout: Fanout) -> list[dict[str, Any]]:
    """Collect ``request`` on ``fanout``: one snapshot document per account, in the
    order the request names them, as :func:`cspm_opa.collect.collect` returns them."""
    if request.credential is not None:
        raise ConfigError(
            "a credential object cannot travel to Dask workers: they use their own "
            "(environment, profile, workload identity)"
        )
    if request.provider == "aws":
        return _collect_aws(request, fanout.executor)
    if request.provider == "azure":
        from cspm_opa.scale.azure import collect_azure

        return collect_azure(request, fanout.executor)
    return _collect_each(request, fanout.executor)


# --- AWS --------------------------------------------------------------------------------


def aws_tickets(request: CollectRequest) -> list[AwsTicket]:
    """The accounts of ``request``, as tickets (the accounts file is read here, on the
    client; nothing is called)."""
    from cspm_opa.collect.aws.accounts import ROLE_ARN, load_accounts

    endpoint = os.environ.get("AWS_ENDPOINT_URL") or None
    workers = max(1, request.workers)
    if request.external_id and not request.role_arn and not request.accounts_file:
        raise ConfigError("--external-id is only used with --role-arn")
    if request.accounts_file is not None:
        if request.role_arn:
            raise ConfigError("use either --role-arn or --accounts, not both")
        path = request.accounts_file
        tickets = []
        for spec in load_accounts(path):
            tickets.append(
                AwsTicket(
                    via=spec.role_arn
                    or f"profile {spec.profile or request.profile or '(default)'}",
                    profile=spec.profile or request.profile,
                    role_arn=spec.role_arn,
                    external_id=spec.external_id,
                    account_id=spec.account_id,
                    name=spec.name,
                    labels=tuple(sorted(spec.labels.items())),
                    regions=spec.regions or request.regions,
                    where=f"{path}:{spec.line}",
                    entry=f"{path.name}:{spec.line}",
                    from_file=True,
                    endpoint_url=endpoint,
                    workers=workers,
                )
            )
        return tickets
    if request.role_arn:
        match = ROLE_ARN.match(request.role_arn)
        if not match:
            raise ConfigError(f"--role-arn {request.role_arn!r} is not an IAM role ARN")
        return [
            AwsTicket(
                via=f"role {request.role_arn}",
                profile=request.profile,
                role_arn=request.role_arn,
                external_id=request.external_id,
                account_id=match.group(2),
                regions=request.regions,
                endpoint_url=endpoint,
                workers=workers,
            )
        ]
    via = f"profile {request.profile}" if request.profile else "the default credentials"
    ticket = AwsTicket(via=via, profile=request.profile, regions=request.regions)
    return [dataclasses.replace(ticket, endpoint_url=endpoint, workers=workers)]


_TARGETS: dict[AwsTicket, Any] = {}
_TARGETS_LOCK = threading.Lock()


def _target(ticket: AwsTicket) -> Any:
    """The ticket's Target, its session made on this worker (and kept for the process,
    so an assumed role's credentials are fetched once and refreshed as they expire)."""
    from cspm_opa.collect.aws.session import assumed_session, base_session

    with _TARGETS_LOCK:
        found = _TARGETS.get(ticket)
        if found is not None:
            return found
        if ticket.endpoint_url:
            # boto3 reads the endpoint from its environment, as on the client.
            os.environ["AWS_ENDPOINT_URL"] = ticket.endpoint_url
        session, failure = None, None
        try:
            base = base_session(ticket.profile)
            session = (
                assumed_session(base, ticket.role_arn, ticket.external_id)
                if ticket.role_arn
                else base
            )
        except (ConfigError, CollectionError) as exc:
            if not ticket.from_file:
                raise
            failure = f"{ticket.where}: {exc}"
        target = ticket.target(session, failure)
        if failure is None:
            _TARGETS[ticket] = target
        return target


def _request(ticket: AwsTicket) -> CollectRequest:
    return CollectRequest(provider="aws", regions=ticket.regions, workers=ticket.workers)


def aws_identify(ticket: AwsTicket) -> _Identity | _Unreadable:
    """Task: who the account is, and its regions."""
    from cspm_opa.collect.aws import AccountUnreadable, identify

    taken_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        _, (account_id, partition, home, regions) = identify(_target(ticket), _request(ticket))
    except AccountUnreadable as exc:
        return _Unreadable(str(exc), exc.status)
    except CollectionError as exc:
        return _Unreadable(str(exc), "error")
    return _Identity(account_id, partition, home, tuple(regions), taken_at)


def aws_units(ticket: AwsTicket, identity: _Identity, region: str | None) -> AwsPart:
    """Task: the work units of the account's global services (``region`` None) or of
    one region, with their follow-ups."""
    from cspm_opa.collect.aws import global_units, region_units
    from cspm_opa.collect.aws.api import Api
    from cspm_opa.collect.aws.runner import run_units

    target = _target(ticket)
    api = Api(target.session, workers=ticket.workers)
    if region is GLOBAL:
        units = global_units(identity.account_id, identity.home)
    else:
        units = region_units(region)
    records, coverage, stats = run_units(units, api, workers=ticket.workers)
    return AwsPart(records, coverage, api.calls, stats.units)


def merge_parts(parts: Sequence[AwsPart]) -> tuple[list[Any], list[dict[str, Any]]]:
    """Records and coverage of an account's parts (global first, then each region, as
    the threaded collector creates their units), merged as it merges its units."""
    from cspm_opa.collect.aws.runner import Outcome, merge_outcomes

    return merge_outcomes([Outcome(p.records, p.coverage) for p in parts])


def _collect_aws(request: CollectRequest, executor: Executor) -> list[dict[str, Any]]:
    from cspm_opa.collect.aws import AccountUnreadable, _blind_snapshot
    from cspm_opa.normalize.aws import Facts, build_snapshot

    say: Callable[[str], None] = request.progress or (lambda _message: None)
    tickets = aws_tickets(request)
    identities = [executor.submit(aws_identify, t) for t in tickets]
    # Every account's units are queued as soon as its identity is known.
    queued: list[list[Future[AwsPart]] | _Unreadable] = []
    for ticket, pending in zip(tickets, identities, strict=True):
        identity = pending.result()
        if isinstance(identity, _Unreadable):
            queued.append(identity)
            continue
        groups: list[str | None] = [GLOBAL, *identity.regions]
        queued.append([executor.submit(aws_units, ticket, identity, g) for g in groups])
        say(f"aws {identity.account_id}: {len(identity.regions)} region(s), "
            f"{len(groups)} task(s)")  # fmt: skip
    docs: list[dict[str, Any] | None] = []
    failures: list[tuple[AwsTicket, _Unreadable]] = []
    for ticket, identity_future, work in zip(tickets, identities, queued, strict=True):
        if isinstance(work, _Unreadable):
            failures.append((ticket, work))
            docs.append(None)
            continue
        identity = identity_future.result()
        assert isinstance(identity, _Identity)
        parts = [f.result() for f in work]
        records, coverage = merge_parts(parts)
        facts = Facts(
            identity.account_id,
            identity.partition,
            list(identity.regions),
            identity.taken_at,
            records,
            coverage,
        )
        docs.append(build_snapshot(facts, name=ticket.name, labels=dict(ticket.labels)))
        say(f"aws {identity.account_id}: {sum(p.calls for p in parts)} API calls, "
            f"{len(coverage)} coverage gap(s)")  # fmt: skip
    if len(failures) == len(tickets):
        raise CollectionError("\n".join(f.message for _, f in failures))
    out: list[dict[str, Any]] = []
    for ticket, doc, work in zip(tickets, docs, queued, strict=True):
        if doc is not None:
            out.append(doc)
            continue
        assert isinstance(work, _Unreadable)
        target = ticket.target(None)
        say(f"aws {ticket.account_id or ticket.entry or ticket.via}: nothing could be read "
            f"({work.message})")  # fmt: skip
        out.append(_blind_snapshot(target, AccountUnreadable(work.message, work.status)))
    return out


# --- Azure and GCP ----------------------------------------------------------------------


def provider_task(request: CollectRequest) -> list[dict[str, Any]]:
    """Task: the provider's own collector, on the worker, with the worker's credentials."""
    from cspm_opa.collect import collect

    return collect(request)


def _collect_each(request: CollectRequest, executor: Executor) -> list[dict[str, Any]]:
    bare = dataclasses.replace(request, progress=None)
    if request.provider == "gcp" and request.projects:
        jobs = [dataclasses.replace(bare, projects=(p,)) for p in request.projects]
    else:
        jobs = [bare]
    futures = [executor.submit(provider_task, job) for job in jobs]
    out: list[dict[str, Any]] = []
    errors: list[str] = []
    for future in futures:
        try:
            out.extend(future.result())
        except CollectionError as exc:
            errors.append(str(exc))
    if errors:
        # A subscription or project left out would be judged nowhere, not UNKNOWN.
        raise CollectionError("\n".join(errors))
    return out
