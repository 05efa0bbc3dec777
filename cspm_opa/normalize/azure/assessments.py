"""Defender for Cloud assessments (Microsoft.Security/assessments) that say whether
Defender checks the subscription's machines for missing OS updates (CIS Azure 9.1.10):
kept as the subscription's ``system_update_assessments``."""

from __future__ import annotations

from typing import Any

from cspm_opa.normalize.azure._common import Raw, props

__all__ = ["SYSTEM_UPDATE_ASSESSMENTS", "system_update_assessment"]

SYSTEM_UPDATE_ASSESSMENTS = {
    "90386950-71ca-4357-a12e-486d1679427c": (
        "Machines should be configured to periodically check for missing system updates"
    ),
    "e1145ab1-eb4f-43d8-911b-36ddf771d13f": (
        "System updates should be installed on your machines (powered by Azure Update Manager)"
    ),
    "4ab6e3c5-74dd-8b35-9ab9-f61b30875b27": "System updates should be installed on your machines",
}
"""Assessment key -> Defender's name for it: the recommendations behind 9.1.10."""

_STATUSES = ("Healthy", "Unhealthy", "NotApplicable")


def system_update_assessment(raw: Raw) -> dict[str, Any] | None:
    """One assessment of the REST list (2020-01-01 and later), or None when it is not a
    system-updates one."""
    key = str(raw.get("name") or "").lower()
    if key not in SYSTEM_UPDATE_ASSESSMENTS:
        return None
    p = props(raw)
    code = str((p.get("status") or {}).get("code") or "")
    details = p.get("resourceDetails") or {}
    resource_id = details.get("Id") or details.get("id") or details.get("ResourceId")
    if not resource_id:
        own = str(raw.get("id") or "")
        marker = "/providers/microsoft.security/assessments/"
        cut = own.lower().find(marker)
        resource_id = own[:cut] if cut > 0 else None
    return {
        "key": key,
        "display_name": str(p.get("displayName") or SYSTEM_UPDATE_ASSESSMENTS[key]),
        "status": code if code in _STATUSES else "NotApplicable",
        "resource_id": str(resource_id) if resource_id else None,
    }
