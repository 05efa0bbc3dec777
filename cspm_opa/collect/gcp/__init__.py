"""GCP collector: Cloud Asset Inventory (RESOURCE and IAM_POLICY content) per project,
with the project list from Resource Manager, and each project's Access Approval settings
(:mod:`cspm_opa.collect.gcp.access_approval`). Read-only: it only lists and gets.

Work is one ``ListAssets`` listing per (project, source) on a thread pool; see
:mod:`cspm_opa.normalize.gcp.sources` for the sources. A listing that is denied (403),
still throttled after its retries (429), or fails otherwise becomes a coverage entry or
an ``unknown`` field in that project's snapshot; a collection that cannot list its
projects, authenticate, or read a single listing raises :class:`CollectionError`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from cspm_opa.collect.gcp._clients import Clients, load_credentials, message_json
from cspm_opa.collect.gcp._paging import all_pages
from cspm_opa.collect.gcp._projects import projects_in_scope, scope_parent
from cspm_opa.collect.gcp.access_approval import AccessApprovalAnswer, read_access_approval
from cspm_opa.errors import CollectionError
from cspm_opa.normalize.gcp import (
    ORG_CONTACTS,
    SOURCES,
    Failure,
    Listing,
    Source,
    ancestors,
    build_snapshot,
)
from cspm_opa.normalize.gcp.access_approval import access_approval

if TYPE_CHECKING:
    from cspm_opa.collect import CollectRequest

__all__ = ["PAGE_SIZE", "collect"]

PAGE_SIZE = 1000
"""The largest page ListAssets serves."""


def collect(
    request: CollectRequest, *, sleep: Callable[[float], None] = time.sleep
) -> list[dict[str, Any]]:
    """One snapshot document per active project in the request's scope."""
    from google.api_core import exceptions as api_errors
    from google.auth import exceptions as auth_errors

    credentials = load_credentials(request.credential)
    local = threading.local()

    def clients() -> Clients:
        found: Clients | None = getattr(local, "clients", None)
        if found is None:
            found = local.clients = Clients(credentials, request.endpoint)
        return found

    parent = scope_parent(request.folder, request.organization)
    scope = ", ".join(request.projects) or parent or "every visible project"
    try:
        projects = projects_in_scope(clients(), request.projects, parent, sleep)
    except auth_errors.GoogleAuthError as exc:
        raise CollectionError(f"cannot authenticate to GCP: {exc}") from exc
    except api_errors.GoogleAPICallError as exc:
        raise CollectionError(f"cannot list GCP projects ({scope}): {_describe(exc)}") from exc
    if not projects:
        raise CollectionError(f"no active GCP project in scope ({scope})")
    _progress(request, f"gcp: {len(projects)} project(s), {len(SOURCES)} listings each")
    taken_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def fetch(job: tuple[str, Source]) -> Listing:
        return _fetch(clients(), job[0], job[1], sleep)

    workers = max(1, request.workers)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cspm-gcp") as pool:
        jobs = [(f"projects/{p['projectId']}", s) for p in projects for s in SOURCES]
        listings = list(pool.map(fetch, jobs))
        per_project = {
            p["projectId"]: listings[i * len(SOURCES) : (i + 1) * len(SOURCES)]
            for i, p in enumerate(projects)
        }
        orgs = {pid: _organization(ls) for pid, ls in per_project.items()}
        wanted = sorted({org for org in orgs.values() if org})
        org_listings = dict(
            zip(wanted, pool.map(fetch, [(o, ORG_CONTACTS) for o in wanted]), strict=True)
        )
        approvals = dict(
            zip(
                per_project,
                pool.map(
                    lambda pid: _access_approval(request, credentials, pid, sleep), per_project
                ),
                strict=True,
            )
        )
    failures = [listing.failure for listing in listings if listing.failure is not None]
    if len(failures) == len(listings):
        raise CollectionError(
            f"could not read any GCP asset listing ({scope}): {failures[0].detail}"
        )
    documents = []
    for meta in projects:
        pid = meta["projectId"]
        org = orgs[pid]
        document = build_snapshot(
            meta,
            per_project[pid],
            taken_at=taken_at,
            org_contacts=org_listings.get(org) if org else None,
        )
        _add_access_approval(document, approvals[pid])
        documents.append(document)
        _progress(request, f"gcp: collected project {pid}")
    return documents


def _access_approval(
    request: CollectRequest, credentials: Any, project_id: str, sleep: Callable[[float], None]
) -> AccessApprovalAnswer:
    from google.auth.transport.requests import AuthorizedSession

    with AuthorizedSession(credentials) as session:  # type: ignore[no-untyped-call]
        return read_access_approval(session, request.endpoint, project_id, sleep=sleep)


def _add_access_approval(document: dict[str, Any], answer: AccessApprovalAnswer) -> None:
    """The project's ``access_approval``, or the field named unknown when unread."""
    for project in document["resources"].get("google_project", {}).values():
        if answer.settings is not None:
            project["config"]["access_approval"] = access_approval(answer.settings)
        else:
            project["unknown"] = sorted({*project.get("unknown", ()), "access_approval"})


def _organization(listings: list[Listing]) -> str | None:
    return next((a for a in ancestors(listings) if a.startswith("organizations/")), None)


def _fetch(
    clients: Clients, parent: str, source: Source, sleep: Callable[[float], None]
) -> Listing:
    """One source for one parent; API errors become a failed listing."""
    from google.api_core import exceptions as api_errors
    from google.auth import exceptions as auth_errors
    from google.cloud import asset_v1

    request = {
        "parent": parent,
        "asset_types": list(source.asset_types),
        "content_type": getattr(asset_v1.ContentType, source.content_type),
        "page_size": PAGE_SIZE,
    }
    try:
        assets = all_pages(clients.assets.list_assets, request, "assets", sleep=sleep)
    except auth_errors.GoogleAuthError as exc:
        raise CollectionError(f"cannot authenticate to GCP: {exc}") from exc
    except api_errors.Unauthorized as exc:
        raise CollectionError(f"GCP rejected the credentials: {_describe(exc)}") from exc
    except api_errors.GoogleAPICallError as exc:
        return Listing(source, failure=Failure(_status(exc), _detail(exc, parent, source)))
    return Listing(source, tuple(message_json(a) for a in assets))


def _status(exc: Exception) -> str:
    from google.api_core import exceptions as api_errors

    # Over REST, google-api-core raises the HTTP-status classes (Forbidden, TooManyRequests);
    # the gRPC-named ones (PermissionDenied, ResourceExhausted) are their subclasses.
    if isinstance(exc, api_errors.Forbidden):
        return "denied"
    if isinstance(exc, api_errors.TooManyRequests):
        return "throttled"
    return "error"


def _describe(exc: Any) -> str:
    """``403 Forbidden: The caller does not have permission``, without the request URL
    google-api-core puts in front of the server's message."""
    message = str(getattr(exc, "message", exc))
    if message.startswith(("GET ", "POST ")) and ": " in message:
        message = message.split(": ", 1)[1]
    return f"{getattr(exc, 'code', '?')} {type(exc).__name__}: {message}"


def _detail(exc: Any, parent: str, source: Source) -> str:
    return f"{_describe(exc)} (ListAssets {source.content_type} on {parent})"


def _progress(request: CollectRequest, message: str) -> None:
    if request.progress is not None:
        request.progress(message)
