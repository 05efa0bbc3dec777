"""The Azure collector: one snapshot per subscription, read through the azure-mgmt
SDKs with read-only calls (list and get; Resource Graph's query is a read-only POST).

Work runs on a thread pool over (subscription, service) pairs. A listing that fails
(403, throttling that outlasts the SDK's Retry-After-aware retries, ...) becomes a
coverage entry, so the checks that needed it are UNKNOWN; a detail that fails for one
resource (a vault's secrets, an app's site config) is named in that resource's
``unknown``. Only failing to list subscriptions at all raises
:class:`~cspm_opa.errors.CollectionError`.

Credentials: ``request.credential`` when given, else azure-identity's
DefaultAzureCredential (environment, workload identity, managed identity, Azure CLI,
...), with ``AZURE_AUTHORITY_HOST`` honoured. Endpoint: ``request.endpoint`` or
``AZURE_RESOURCE_MANAGER_URL``, public Azure otherwise; the token audience
``request.audience``, ``AZURE_RESOURCE_MANAGER_AUDIENCE`` or what the endpoint's
``/metadata/endpoints`` names (see :mod:`cspm_opa.collect.azure._audience`).

The tenant's Microsoft Entra settings are read once through Microsoft Graph
(:mod:`cspm_opa.collect.azure.entra`) and added to every subscription's snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from cspm_opa.collect import CollectRequest
from cspm_opa.collect.azure._part import Context, Part
from cspm_opa.collect.azure._session import AzureSession, to_rest
from cspm_opa.errors import CollectionError
from cspm_opa.normalize.azure import subscription
from cspm_opa.normalize.azure.joins import mark_unreachable

if TYPE_CHECKING:
    from cspm_opa.collect.azure.entra import EntraSettings

__all__ = ["SERVICES", "collect"]


def _services() -> dict[str, Callable[[Context], None]]:
    from cspm_opa.collect.azure.authorization import collect_authorization
    from cspm_opa.collect.azure.compute import collect_compute
    from cspm_opa.collect.azure.inventory import collect_graph, collect_inventory
    from cspm_opa.collect.azure.keyvault import collect_keyvault
    from cspm_opa.collect.azure.monitor import collect_monitor
    from cspm_opa.collect.azure.network import collect_network
    from cspm_opa.collect.azure.security import collect_security
    from cspm_opa.collect.azure.sql import collect_sql
    from cspm_opa.collect.azure.storage import collect_storage
    from cspm_opa.collect.azure.web import collect_web

    return {
        "resources": collect_inventory,
        "resourcegraph": collect_graph,
        "storage": collect_storage,
        "network": collect_network,
        "sql": collect_sql,
        "keyvault": collect_keyvault,
        "monitor": collect_monitor,
        "security": collect_security,
        "web": collect_web,
        "compute": collect_compute,
        "authorization": collect_authorization,
    }


SERVICES = (
    "resources",
    "resourcegraph",
    "storage",
    "network",
    "sql",
    "keyvault",
    "monitor",
    "security",
    "web",
    "compute",
    "authorization",
)
"""The services read for each subscription, in the order their results are merged."""

ACTIVE_STATES = {"Enabled", "Warned", "PastDue"}


def collect(request: CollectRequest) -> list[dict[str, Any]]:
    """One snapshot document per subscription of ``request`` (all the credential can
    see when ``request.subscriptions`` is empty)."""
    session = AzureSession.from_request(request)
    subscriptions = _subscriptions(session, request)
    say = request.progress or (lambda _message: None)
    services = _services()
    jobs = [(raw, name) for raw in subscriptions for name in SERVICES]
    say(f"azure: reading {len(subscriptions)} subscription(s), {len(SERVICES)} services each")

    def run(job: tuple[dict[str, Any], str]) -> Part:
        raw, name = job
        ctx = Context(session, str(raw["subscriptionId"]), name)
        services[name](ctx)
        return ctx.part

    with ThreadPoolExecutor(max_workers=max(1, request.workers)) as pool:
        tenant = pool.submit(_entra, session, request)
        parts = list(pool.map(run, jobs))
        entra = tenant.result()
    taken_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    documents = []
    for i, raw in enumerate(subscriptions):
        mine = parts[i * len(SERVICES) : (i + 1) * len(SERVICES)]
        tenant_part = entra.part(str(raw.get("tenantId") or "") or None)
        documents.append(_snapshot(raw, [*mine, tenant_part], taken_at))
        say(f"azure: {raw.get('displayName') or raw['subscriptionId']} done")
    return documents


def _entra(session: AzureSession, request: CollectRequest) -> EntraSettings:
    """The tenant's Microsoft Graph settings, read once for every subscription."""
    from cspm_opa.collect.azure.entra import collect_entra, graph_audiences, graph_endpoint

    known = None  # None: the metadata was not read (an override named the audience)
    if session.audience and "/metadata/endpoints" in session.audience.source:
        known = session.audience.graph or ""
    endpoint, _source = graph_endpoint(
        request.graph_endpoint, session.endpoint, session.verify, known
    )
    if endpoint is None:
        return collect_entra(session.credential, None, session.verify)
    audiences = graph_audiences(endpoint, known or None)
    return collect_entra(session.credential, endpoint, session.verify, audiences=audiences)


def _subscriptions(session: AzureSession, request: CollectRequest) -> list[dict[str, Any]]:
    from azure.core.exceptions import AzureError
    from azure.mgmt.resource.subscriptions import SubscriptionClient

    client = session.client(SubscriptionClient)
    try:
        if request.subscriptions:
            found = [to_rest(client.subscriptions.get(s)) for s in request.subscriptions]
        else:
            found = [to_rest(s) for s in client.subscriptions.list()]
    except AzureError as exc:
        raise CollectionError(
            f"cannot list Azure subscriptions at {session.endpoint}: {session.explain(exc)}"
        ) from exc
    active = [s for s in found if str(s.get("state") or "Enabled") in ACTIVE_STATES]
    if not active:
        raise CollectionError(f"no enabled Azure subscription is visible at {session.endpoint}")
    return sorted(active, key=lambda s: str(s["subscriptionId"]))


def _snapshot(raw: dict[str, Any], parts: Sequence[Part], taken_at: str) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    unknown: list[str] = []
    locations: set[str] = set()
    resources: list[dict[str, Any]] = []
    coverage: list[dict[str, Any]] = []
    for part in parts:
        settings.update(part.settings)
        unknown.extend(part.unknown_settings)
        locations |= part.locations or set()
        resources.extend(part.resources)
        coverage.extend(part.coverage)
    mark_unreachable(resources)
    sub_doc = subscription(raw, resource_locations=locations, settings=settings, unknown=unknown)
    grouped: dict[str, dict[str, Any]] = {}
    for doc in sorted([sub_doc, *resources], key=lambda d: (d["type"], d["id"])):
        grouped.setdefault(doc["type"], {})[doc["id"]] = doc
    regions = {d["region"] for by_id in grouped.values() for d in by_id.values()}
    account: dict[str, Any] = {"id": sub_doc["config"]["subscription_id"], "name": sub_doc["name"]}
    if raw.get("tenantId"):
        account["labels"] = {"tenant_id": str(raw["tenantId"])}
    return {
        "schema_version": "1",
        "provider": "azure",
        "account": account,
        "taken_at": taken_at,
        "regions": sorted(regions - {"global"}),
        "resources": grouped,
        "coverage": sorted(coverage, key=lambda g: (g["service"], g["resource_types"])),
    }
