"""Re-evaluate what one change touched: pick its checks, re-collect only what they read,
evaluate only them, and build a scan result marked ``"kind": "event"``.

The checks are those of the touched resources' types (for account or region settings,
only the checks that read the changed fields), plus the account- and region-level checks
that read a touched type (a trail that stops logging is the account's CloudTrail check).
What they read beyond the touched resources (account settings, trails) is re-collected
too; the snapshot holds only that, so a history store resolves nothing elsewhere.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cspm_opa.engine.base import Engine
from cspm_opa.engine.catalog import ALL, Catalog
from cspm_opa.errors import ConfigError
from cspm_opa.events._model import ChangeEvent, Touched

if TYPE_CHECKING:
    from cspm_opa.collect import CollectRequest
    from cspm_opa.engine.client import OpaHttp
    from cspm_opa.model import Finding, Policy, Snapshot
    from cspm_opa.scope import Scope
    from cspm_opa.waivers import Waiver

__all__ = ["SETTINGS_TYPES", "EventOutcome", "Needs", "needs_for", "reevaluate"]

SETTINGS_TYPES = frozenset(
    {"aws_account", "aws_region_settings", "azurerm_subscription", "google_project"}
)
"""Account- and region-level resource types: one per account (or region)."""


@dataclass(frozen=True)
class Needs:
    """What an event's re-evaluation needs: its checks, and the types they read beyond
    the touched resources (with, for settings types, the config fields read)."""

    policies: tuple[Policy, ...]
    touched: tuple[Touched, ...]
    dependencies: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Type -> config fields its readers read ("*": any)."""


@dataclass
class EventOutcome:
    """An event's re-evaluation: the scan result (None when the event was ignored), the
    snapshots it evaluated, the touched resources found gone, and timings."""

    event: ChangeEvent
    result: dict[str, Any] | None = None
    findings: list[Finding] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)
    gone: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(provider, account, type, id) of touched resources that no longer exist."""
    ignored: str | None = None
    timings: dict[str, float] = field(default_factory=dict)


def needs_for(event: ChangeEvent, catalog: Catalog) -> Needs:
    """The checks an event re-runs and what they read."""
    mine = [p for p in catalog.policies if p.provider == event.provider]
    touched_types = {t.type for t in event.touched}
    chosen: dict[str, Policy] = {}
    for t in event.touched:
        for p in mine:
            if p.resource_type != t.type:
                continue
            if t.fields and ALL not in p.reads and not (p.reads & t.fields):
                continue
            chosen[p.id] = p
    # Account- and region-level checks that read a touched type.
    for p in mine:
        if p.resource_type in SETTINGS_TYPES and p.depends_on & (touched_types - SETTINGS_TYPES):
            chosen[p.id] = p
    touched = list(event.touched)
    for p in chosen.values():
        if p.resource_type in SETTINGS_TYPES and p.resource_type not in touched_types:
            touched.append(Touched(p.resource_type, region=event.region, fields=p.reads - {ALL}))
            touched_types.add(p.resource_type)
    deps: dict[str, set[str]] = {}
    for p in chosen.values():
        for other in p.depends_on - {p.resource_type}:
            deps.setdefault(other, set()).update({ALL} if ALL in p.reads else p.reads)
    policies = tuple(sorted(chosen.values(), key=lambda p: p.id))
    return Needs(policies, tuple(touched), {k: frozenset(v) for k, v in deps.items()})


class _Only(Engine):
    """The engine, judging only some checks (OPA still answers all; they cost nothing
    over a snapshot this small)."""

    def __init__(self, engine: Engine, catalog: Catalog):
        self._engine = engine
        self.catalog = catalog

    @property
    def http(self) -> OpaHttp:
        return self._engine.http

    def close(self) -> None:
        pass


def reevaluate(
    event: ChangeEvent,
    request: CollectRequest,
    engine: Engine,
    *,
    scope: Scope | None = None,
    waivers: Sequence[Waiver] = (),
    tool: Mapping[str, str] | None = None,
) -> EventOutcome:
    """Re-collect what ``event`` touched (with ``request``'s credentials, in the event's
    account) and evaluate only its checks. An event that maps to no checked resource is
    returned with ``ignored`` set and no result."""
    from cspm_opa.evaluator import evaluate
    from cspm_opa.result import assess
    from cspm_opa.snapshots import snapshot_from_dict

    outcome = EventOutcome(event, ignored=event.ignored)
    if event.ignored:
        return outcome
    needs = needs_for(event, engine.catalog)
    if not needs.policies:
        kinds = ", ".join(sorted({t.type for t in event.touched}))
        outcome.ignored = f"no check reads {kinds}: nothing to re-evaluate"
        return outcome
    started = time.monotonic()
    docs = _collect(event, request, needs)
    outcome.timings["collect"] = time.monotonic() - started
    snapshots = []
    for doc in docs:
        narrowed = narrow(doc, needs)
        outcome.gone.extend(_gone(narrowed, needs.touched))
        snapshots.append(snapshot_from_dict(narrowed, source=f"{event.provider} event {event.id}"))
    started = time.monotonic()
    catalog = dataclasses.replace(engine.catalog, policies=needs.policies, paths=())
    findings = evaluate(snapshots, _Only(engine, catalog))
    outcome.timings["evaluate"] = time.monotonic() - started
    assessed = assess(snapshots, findings, catalog, scope=scope, waivers=waivers,
                      tool=dict(tool) if tool else None)  # fmt: skip
    result = assessed.result
    result["kind"] = "event"
    result["event"] = event.to_dict()
    outcome.result, outcome.findings, outcome.snapshots = result, assessed.findings, snapshots
    return outcome


def narrow(doc: Mapping[str, Any], needs: Needs) -> dict[str, Any]:
    """The snapshot document with only the touched resources and what their checks read
    (every resource of a dependency type that was collected), and the coverage entries
    about those types."""
    keep_whole = {t for t in needs.dependencies if t != ALL}
    touched_types = {t.type for t in needs.touched}
    resources: dict[str, dict[str, Any]] = {}
    for rtype, by_id in doc.get("resources", {}).items():
        if rtype in keep_whole or ALL in needs.dependencies:
            resources[rtype] = dict(by_id)
            continue
        mine = [t for t in needs.touched if t.type == rtype]
        if not mine:
            continue
        kept = {rid: d for rid, d in by_id.items() if any(t.matches(rid, d) for t in mine)}
        if kept:
            resources[rtype] = kept
    wanted = touched_types | keep_whole
    coverage = [
        gap
        for gap in doc.get("coverage", [])
        if ALL in needs.dependencies or wanted & set(gap.get("resource_types", ()))
    ]
    return {**doc, "resources": resources, "coverage": coverage}


def _gone(doc: Mapping[str, Any], touched: Iterable[Touched]) -> list[tuple[str, str, str, str]]:
    """Touched resources absent from a snapshot whose listing of their type did not fail."""
    blind = {t for gap in doc.get("coverage", []) for t in gap.get("resource_types", ())}
    provider, account = str(doc["provider"]), str(doc["account"]["id"])
    out = []
    for t in touched:
        if t.id is None or t.type in blind or t.type in SETTINGS_TYPES:
            continue
        present = doc.get("resources", {}).get(t.type, {})
        if not any(t.matches(rid, d) for rid, d in present.items()):
            out.append((provider, account, t.type, t.id))
    return out


def _collect(event: ChangeEvent, request: CollectRequest, needs: Needs) -> list[dict[str, Any]]:
    if request.provider != event.provider:
        raise ConfigError(
            f"the event is from {event.provider}, the collect options are for {request.provider}"
        )
    if event.provider == "aws":
        return [_collect_aws(event, request, needs)]
    return _collect_whole(event, request)


def _collect_aws(event: ChangeEvent, request: CollectRequest, needs: Needs) -> dict[str, Any]:
    from cspm_opa.collect.aws.session import targets_for
    from cspm_opa.collect.aws.targeted import Want, collect_wanted

    target = _pick(targets_for(request), event.account)
    regions = request.regions
    if event.region and regions and "all" not in regions and event.region not in regions:
        regions = (*regions, event.region)
    elif not regions and event.region:
        regions = (event.region,)
    wants = [
        Want(
            t.type,
            region=t.region if t.type not in ("aws_s3_bucket", "aws_account") else None,
            name=t.name if t.type == "aws_s3_bucket" else None,
            fields=t.fields,
        )
        for t in needs.touched
    ]
    for rtype, fields in needs.dependencies.items():
        if rtype != ALL:
            wants.append(Want(rtype, fields=frozenset() if ALL in fields else fields))
    if ALL in needs.dependencies:
        from cspm_opa.collect.aws import collect_account

        return collect_account(target, dataclasses.replace(request, regions=regions))[0]
    doc, _ = collect_wanted(target, dataclasses.replace(request, regions=regions), wants)
    return doc


def _pick(targets: Sequence[Any], account: str | None) -> Any:
    """The target that reaches the event's account."""
    if account:
        named = [t for t in targets if t.account_id == account]
        if named:
            return named[0]
        unnamed = [t for t in targets if t.account_id is None]
        if len(unnamed) == 1 and len(targets) == 1:
            # Whoever these credentials are, they must reach the event's account.
            return dataclasses.replace(unnamed[0], account_id=account)
        raise ConfigError(
            f"the event is from account {account}, which the collect options do not reach"
        )
    if len(targets) != 1:
        raise ConfigError("the event names no account; name one with the collect options")
    return targets[0]


def _collect_whole(event: ChangeEvent, request: CollectRequest) -> list[dict[str, Any]]:
    """Azure and GCP: the event's subscription or project, collected whole (their
    collectors read a subscription or project per service, in a few calls); only the
    touched resources are kept and evaluated."""
    from cspm_opa.collect import collect

    if event.account:
        if event.provider == "azure":
            request = dataclasses.replace(request, subscriptions=(event.account,))
        else:
            request = dataclasses.replace(
                request, projects=(event.account,), folder=None, organization=None
            )
    docs = collect(request)
    if event.account:
        docs = [d for d in docs if str(d["account"]["id"]) == event.account] or docs
    return docs
