"""Access Approval settings of each project (CIS GCP 2.15), which Cloud Asset Inventory
does not export: ``GET {endpoint}/v1/projects/{project}/accessApprovalSettings`` through
google-auth's AuthorizedSession.

Answers: 200 is the settings (enrolled when ``enrolledServices`` is not empty or an
ancestor is enrolled); 404 NOT_FOUND means the project never had settings, and 400
FAILED_PRECONDITION that Access Transparency (its prerequisite) is off, so in both nothing
is enrolled; 403 (no ``accessapproval.settings.get``, or the API off for the caller) and any
other failure leave ``access_approval`` unknown for that project. 429 and 503 are
retried as the other GCP listings are (:func:`~cspm_opa.collect.gcp._paging.call_with_retry`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cspm_opa.collect.gcp._clients import endpoint_for
from cspm_opa.collect.gcp._paging import call_with_retry

__all__ = ["DEFAULT_ENDPOINT", "AccessApprovalAnswer", "read_access_approval"]

DEFAULT_ENDPOINT = "https://accessapproval.googleapis.com"
TIMEOUT = 30


@dataclass(frozen=True)
class AccessApprovalAnswer:
    """The settings (``{}`` when the project has none), or why they could not be read."""

    settings: dict[str, Any] | None
    failure: str | None = None


def base_url(template: str | None) -> str:
    found = endpoint_for(template, "accessapproval") or DEFAULT_ENDPOINT
    found = found.rstrip("/")
    return found if "://" in found else f"https://{found}"


def read_access_approval(
    session: Any,
    template: str | None,
    project_id: str,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> AccessApprovalAnswer:
    """One project's settings through ``session`` (an AuthorizedSession)."""
    from google.api_core import exceptions as api_errors

    url = f"{base_url(template)}/v1/projects/{project_id}/accessApprovalSettings"

    def get() -> dict[str, Any]:
        response = session.get(url, timeout=TIMEOUT)
        if response.status_code >= 400:
            raise api_errors.from_http_response(response)  # type: ignore[no-untyped-call]
        value = response.json()
        return value if isinstance(value, dict) else {}

    try:
        return AccessApprovalAnswer(call_with_retry(get, sleep=sleep))
    except api_errors.NotFound:
        return AccessApprovalAnswer({})
    except api_errors.BadRequest as exc:
        if _status(exc) == "FAILED_PRECONDITION":  # no Access Transparency: cannot enroll
            return AccessApprovalAnswer({})
        return AccessApprovalAnswer(None, f"{exc.code} {type(exc).__name__}: {exc.message}")
    except api_errors.GoogleAPICallError as exc:
        return AccessApprovalAnswer(None, f"{exc.code} {type(exc).__name__}: {exc.message}")
    except OSError as exc:  # requests' connection errors are OSErrors
        return AccessApprovalAnswer(None, f"{type(exc).__name__}: {exc}"[:300])


def _status(exc: Any) -> str:
    """The ``error.status`` of Google's JSON error body (FAILED_PRECONDITION, ...)."""
    try:
        body = exc.response.json()
    except Exception:  # no body, or not JSON
        return ""
    error = body.get("error") if isinstance(body, dict) else None
    return str(error.get("status") or "") if isinstance(error, dict) else ""
