"""Which projects a GCP collection covers, from Resource Manager v3.

``--projects`` names them; ``--folder`` and ``--organization`` take every active project
below, walking sub-folders; with neither, every active project the credentials can see.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from cspm_opa.collect.gcp._clients import Clients, message_json
from cspm_opa.collect.gcp._paging import all_pages, call_with_retry

__all__ = ["projects_in_scope", "scope_parent"]

ACTIVE = "ACTIVE"


def scope_parent(folder: str | None, organization: str | None) -> str | None:
    """``--folder 123`` -> ``folders/123``; the prefixed form is accepted as well."""
    if folder:
        return folder if folder.startswith("folders/") else f"folders/{folder}"
    if organization:
        return (
            organization
            if organization.startswith("organizations/")
            else f"organizations/{organization}"
        )
    return None


def projects_in_scope(
    clients: Clients,
    project_ids: tuple[str, ...],
    parent: str | None,
    sleep: Callable[[float], None],
) -> list[dict[str, Any]]:
    """Resource Manager Projects (as REST JSON), active ones only, in a stable order.

    SDK errors propagate: a scope that cannot be enumerated cannot be collected.
    """
    if project_ids:
        found = [
            message_json(
                call_with_retry(
                    partial(clients.projects.get_project, name=f"projects/{p}"), sleep=sleep
                )
            )
            for p in dict.fromkeys(project_ids)
        ]
    elif parent:
        found = _below(clients, parent, sleep)
    else:
        found = [
            message_json(p)
            for p in all_pages(
                clients.projects.search_projects, {"query": ""}, "projects", sleep=sleep
            )
        ]
    active = [p for p in found if p.get("state", ACTIVE) == ACTIVE]
    return sorted(active, key=lambda p: str(p.get("projectId")))


def _below(clients: Clients, root: str, sleep: Callable[[float], None]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    pending = [root]
    while pending:
        parent = pending.pop()
        found.extend(
            message_json(p)
            for p in all_pages(
                clients.projects.search_projects,
                {"query": f"parent:{parent}"},
                "projects",
                sleep=sleep,
            )
        )
        pending.extend(
            folder.name
            for folder in all_pages(
                clients.folders.list_folders, {"parent": parent}, "folders", sleep=sleep
            )
        )
    return found
