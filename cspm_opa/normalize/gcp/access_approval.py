"""A project's Access Approval settings (the Access Approval API's
AccessApprovalSettings) as the ``access_approval`` field of its ``google_project``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["access_approval"]


def access_approval(settings: Mapping[str, Any]) -> dict[str, Any]:
    """``{}`` (a 404: the project never had settings) is not enrolled. Notification
    addresses are counted, not kept."""
    services = sorted(
        {
            str(s.get("cloudProduct") or "")
            for s in settings.get("enrolledServices") or ()
            if isinstance(s, Mapping) and s.get("cloudProduct")
        }
    )
    ancestor = settings.get("enrolledAncestor") is True
    return {
        "enabled": bool(services) or ancestor,
        "enrolled_services": services,
        "enrolled_ancestor": ancestor,
        "notification_email_count": len(settings.get("notificationEmails") or ()),
    }
