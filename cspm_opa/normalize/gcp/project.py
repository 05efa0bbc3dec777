"""The ``google_project`` document: one per project, gathered from several listings.

Resource Manager supplies the project itself; the project's IAM policy (bindings and
audit configuration), its enabled services, its Compute Engine metadata and the
Essential Contacts on it and its ancestors come from Cloud Asset Inventory. Contact
email addresses are not kept: the checks need only the categories they cover.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cspm_opa.normalize.gcp._common import Asset, Document, bindings, data_of, last_segment
from cspm_opa.normalize.gcp.compute import metadata_items

__all__ = ["audit_configs", "contact", "enabled_services", "os_login", "project"]


def project_number(meta: Mapping[str, Any]) -> str:
    """Resource Manager v3 names a project ``projects/<number>``."""
    return last_segment(str(meta.get("name", "")))


def project_resource_name(meta: Mapping[str, Any]) -> str:
    return f"//cloudresourcemanager.googleapis.com/projects/{project_number(meta)}"


def audit_configs(policy: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    return [
        {
            "service": str(cfg.get("service", "")),
            "log_configs": [
                {
                    "log_type": str(log.get("logType", "")),
                    "exempted_members": [str(m) for m in log.get("exemptedMembers") or ()],
                }
                for log in cfg.get("auditLogConfigs") or ()
            ],
        }
        for cfg in (policy or {}).get("auditConfigs") or ()
    ]


def enabled_services(assets: Iterable[Asset]) -> list[str]:
    names = set()
    for asset in assets:
        data = data_of(asset)
        if str(data.get("state", "")).upper() == "ENABLED":
            names.add(str((data.get("config") or {}).get("name") or last_segment(data.get("name"))))
    return sorted(names)


def os_login(compute_project: Asset | None) -> bool | None:
    """enable-oslogin in the project's common instance metadata; None without one."""
    if compute_project is None:
        return None
    items = metadata_items(data_of(compute_project).get("commonInstanceMetadata"))
    return str(items.get("enable-oslogin", "")).strip().lower() == "true"


def contact(asset: Asset) -> dict[str, Any]:
    data = data_of(asset)
    name = str(data.get("name") or asset["name"]).removeprefix(
        "//essentialcontacts.googleapis.com/"
    )
    entry: dict[str, Any] = {
        "parent": name.split("/contacts/", 1)[0],
        "categories": sorted(str(c) for c in data.get("notificationCategorySubscriptions") or ()),
    }
    if data.get("validationState"):
        entry["validation_state"] = str(data["validationState"])
    return entry


def project(
    meta: Mapping[str, Any],
    *,
    ancestors: Sequence[str] = (),
    iam_policy: Mapping[str, Any] | None = None,
    services: Iterable[Asset] = (),
    compute_project: Asset | None = None,
    contacts: Iterable[Mapping[str, Any]] = (),
) -> Document:
    """The project document. ``meta`` is a Resource Manager v3 Project as JSON."""
    number = project_number(meta)
    doc: Document = {
        "id": project_resource_name(meta),
        "type": "google_project",
        "name": str(meta.get("projectId", number)),
        "region": "global",
    }
    labels = {str(k): str(v) for k, v in (meta.get("labels") or {}).items()}
    if labels:
        doc["tags"] = labels
    doc["config"] = {
        "project_id": str(meta.get("projectId", "")),
        "project_number": number,
        "display_name": str(meta.get("displayName", "")),
        "state": str(meta.get("state") or "ACTIVE"),
        "parent": meta.get("parent") or None,
        "ancestors": list(ancestors) or [f"projects/{number}"],
        "iam_bindings": bindings(iam_policy),
        "audit_configs": audit_configs(iam_policy),
        "enabled_services": enabled_services(services),
        "os_login_enabled": os_login(compute_project),
        "essential_contacts": sorted(
            (dict(c) for c in contacts), key=lambda c: (c["parent"], c["categories"])
        ),
    }
    return doc
