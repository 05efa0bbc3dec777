"""Azure collection as tasks: one per (subscription, service), and one for the tenant.

The unit of work is the threaded collector's own: a service of a subscription
(:data:`cspm_opa.collect.azure.SERVICES`) fills a ``Part``, and the tenant's Microsoft
Entra settings are read once. A task carries the request (endpoints, audience, the
subscription ids; never a credential object) and signs in on the worker with
azure-identity's DefaultAzureCredential, once per worker process. The parts come back to
the client, which builds each subscription's snapshot from them exactly as the threaded
collector does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import UTC, datetime
from typing import Any

from cspm_opa.collect import CollectRequest

__all__ = ["collect_azure", "service_part", "subscriptions", "tenant_settings"]

_SESSIONS: dict[CollectRequest, Any] = {}
_LOCK = threading.Lock()


def _session(request: CollectRequest) -> Any:
    from cspm_opa.collect.azure._session import AzureSession

    with _LOCK:
        found = _SESSIONS.get(request)
        if found is None:
            found = _SESSIONS[request] = AzureSession.from_request(request)
        return found


def subscriptions(request: CollectRequest) -> list[dict[str, Any]]:
    """Task: the enabled subscriptions the request names (or the worker's credential
    sees), sorted by id."""
    from cspm_opa.collect.azure import _subscriptions

    return _subscriptions(_session(request), request)


def service_part(request: CollectRequest, subscription_id: str, service: str) -> Any:
    """Task: one service of one subscription, as the threaded collector reads it."""
    from cspm_opa.collect.azure import _services
    from cspm_opa.collect.azure._part import Context

    ctx = Context(_session(request), subscription_id, service)
    _services()[service](ctx)
    return ctx.part


def tenant_settings(request: CollectRequest) -> Any:
    """Task: the tenant's Microsoft Entra settings, read once for every subscription."""
    from cspm_opa.collect.azure import _entra

    return _entra(_session(request), request)


def collect_azure(request: CollectRequest, executor: Executor) -> list[dict[str, Any]]:
    """One snapshot document per subscription, its services read as separate tasks."""
    from cspm_opa.collect.azure import SERVICES, _snapshot

    say: Callable[[str], None] = request.progress or (lambda _message: None)
    bare = _picklable(request)
    tenant = executor.submit(tenant_settings, bare)
    found = executor.submit(subscriptions, bare).result()
    say(f"azure: reading {len(found)} subscription(s), {len(SERVICES)} service task(s) each")
    parts = {
        (str(raw["subscriptionId"]), name): executor.submit(
            service_part, bare, str(raw["subscriptionId"]), name
        )
        for raw in found
        for name in SERVICES
    }
    entra = tenant.result()
    mine = {key: future.result() for key, future in parts.items()}
    taken_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    documents = []
    for raw in found:
        sid = str(raw["subscriptionId"])
        tenant_part = entra.part(str(raw.get("tenantId") or "") or None)
        documents.append(
            _snapshot(raw, [*(mine[(sid, name)] for name in SERVICES), tenant_part], taken_at)
        )
        say(f"azure: {raw.get('displayName') or sid} done")
    return documents


def _picklable(request: CollectRequest) -> CollectRequest:
    import dataclasses

    return dataclasses.replace(request, progress=None, credential=None)
