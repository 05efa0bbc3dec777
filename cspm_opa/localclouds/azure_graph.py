"""A local Microsoft Graph v1.0 for one Entra tenant: the tenant settings the collector
reads, in the JSON shapes of the Graph v1.0 reference.

The local Azure (:mod:`cspm_opa.localclouds.azure_cloud`) serves it under
``<server>/graph``, which is also the ``microsoftGraphResourceId`` its
``/metadata/endpoints`` names, so the collector finds it as it finds public Graph. Every
request must carry a bearer token that the server's token endpoint issued for the Graph
audience (``<server>/graph``); a token for Resource Manager is refused with 401
``InvalidAuthenticationToken``, as Graph refuses one.

Served (GET only; the tenant's state is what was put in):

- ``/v1.0/policies/identitySecurityDefaultsEnforcementPolicy``,
  ``/v1.0/policies/authorizationPolicy``, ``/v1.0/policies/adminConsentRequestPolicy``:
  single objects with ``@odata.context``;
- ``/v1.0/groupSettings``: ``{"value": [...]}`` pages of :attr:`GraphTenant.page_size`
  linked by ``@odata.nextLink`` (with ``$skiptoken``);
- :meth:`GraphTenant.fail` answers a path with 403 ``Authorization_RequestDenied``,
  429 ``TooManyRequests`` with ``Retry-After``, or any other status, ``times`` times or
  for ever. Requests are recorded in :attr:`GraphTenant.requests`.

A new tenant starts hardened (every CIS section 6 setting the collector reads is
compliant) so a test plants exactly the failure it wants; :mod:`cspm_opa.testing.graph_builders`
has the out-of-box tenant and single-setting changes.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

__all__ = ["GraphRequest", "GraphTenant", "hardened_tenant_state"]

PREFIX = "/graph"
"""Where the local Azure mounts Graph."""

_SINGLETONS = {
    "/v1.0/policies/identitysecuritydefaultsenforcementpolicy": (
        "security_defaults",
        "policies/identitySecurityDefaultsEnforcementPolicy/$entity",
    ),
    "/v1.0/policies/authorizationpolicy": (
        "authorization_policy",
        "policies/authorizationPolicy/$entity",
    ),
    "/v1.0/policies/adminconsentrequestpolicy": (
        "admin_consent_request_policy",
        "policies/adminConsentRequestPolicy/$entity",
    ),
}
_GROUP_SETTINGS = "/v1.0/groupsettings"


def hardened_tenant_state() -> dict[str, Any]:
    """The settings of a tenant that meets every CIS Azure section 6 recommendation the
    collector reads."""
    return {
        "security_defaults": {
            "id": "00000000-0000-0000-0000-000000000005",
            "displayName": "Security Defaults",
            "description": "Security defaults is a set of basic identity security mechanisms.",
            "isEnabled": True,
        },
        "authorization_policy": {
            "id": "authorizationPolicy",
            "displayName": "Authorization Policy",
            "description": "Used to manage authorization related settings across the company.",
            "allowInvitesFrom": "adminsAndGuestInviters",
            "allowedToSignUpEmailBasedSubscriptions": False,
            "allowedToUseSSPR": True,
            "allowEmailVerifiedUsersToJoinOrganization": False,
            "blockMsolPowerShell": True,
            "guestUserRoleId": "2af84b1e-32c8-42b7-82bc-daa82404023b",
            "defaultUserRolePermissions": {
                "allowedToCreateApps": False,
                "allowedToCreateSecurityGroups": False,
                "allowedToCreateTenants": False,
                "allowedToReadBitlockerKeysForOwnedDevice": False,
                "allowedToReadOtherUsers": True,
                "permissionGrantPoliciesAssigned": [],
            },
        },
        "group_settings": [
            {
                "id": "1e0b6f2c-3a55-4a87-9d10-6c2f6a1d0b01",
                "displayName": "Group.Unified",
                "templateId": "62375ab9-6b52-47ed-826b-58e47e0e304b",
                "values": [
                    {"name": "EnableGroupCreation", "value": "false"},
                    {"name": "AllowGuestsToAccessGroups", "value": "true"},
                    {"name": "AllowToAddGuests", "value": "false"},
                    {"name": "EnableMIPLabels", "value": "false"},
                ],
            },
            {
                "id": "1e0b6f2c-3a55-4a87-9d10-6c2f6a1d0b02",
                "displayName": "Password Rule Settings",
                "templateId": "5cf42378-d67d-4f36-ba46-e8b86229381d",
                "values": [
                    {"name": "BannedPasswordCheckOnPremisesMode", "value": "Enforce"},
                    {"name": "EnableBannedPasswordCheckOnPremises", "value": "true"},
                    {"name": "EnableBannedPasswordCheck", "value": "true"},
                    {"name": "LockoutDurationInSeconds", "value": "60"},
                    {"name": "LockoutThreshold", "value": "10"},
                    {"name": "BannedPasswordList", "value": "acme\tacme2026\twinter2026"},
                ],
            },
        ],
        "admin_consent_request_policy": {
            "isEnabled": True,
            "notifyReviewers": True,
            "remindersEnabled": True,
            "requestDurationInDays": 7,
            "version": 1,
            "reviewers": [
                {
                    "query": "/v1.0/directory/roleAssignments?$filter=roleDefinitionId eq "
                    "'62e90394-69f5-4237-9190-012177145e10'",
                    "queryType": "MicrosoftGraph",
                    "queryRoot": None,
                },
            ],
        },
    }


@dataclass(frozen=True)
class GraphRequest:
    """One request Graph answered (path lower-cased, without the mount prefix)."""

    path: str
    query: Mapping[str, Sequence[str]]
    status: int


@dataclass
class _Fault:
    status: int
    times: int | None
    retry_after: int | None


@dataclass
class GraphTenant:
    """One tenant's Graph state. Thread-safe; change it while the server runs."""

    state: dict[str, Any] = field(default_factory=hardened_tenant_state)
    page_size: int = 100
    audience: str | None = None
    """The token audience this Graph accepts; None: its own URL (``<server>/graph``).
    ``https://graph.microsoft.com`` makes it behave as a proxy in front of public Graph."""
    requests: list[GraphRequest] = field(default_factory=list)
    _faults: dict[str, _Fault] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def set(self, name: str, payload: Any) -> None:
        """Replace one setting: ``security_defaults``, ``authorization_policy``,
        ``group_settings`` (a list) or ``admin_consent_request_policy``."""
        if name not in self.state:
            raise KeyError(f"no Graph setting {name!r} (one of {', '.join(self.state)})")
        with self._lock:
            self.state[name] = copy.deepcopy(payload)

    def get(self, name: str) -> Any:
        with self._lock:
            return copy.deepcopy(self.state[name])

    def fail(
        self, path: str, status: int, *, times: int | None = None, retry_after: int | None = None
    ) -> None:
        """Answer ``GET /v1.0/...`` ``path`` with ``status`` (``times`` requests, or all)."""
        with self._lock:
            self._faults[_norm(path)] = _Fault(status, times, retry_after)

    def hits(self, path: str) -> list[GraphRequest]:
        key = _norm(path)
        with self._lock:
            return [r for r in self.requests if r.path == key]

    def _take_fault(self, path: str) -> _Fault | None:
        with self._lock:
            fault = self._faults.get(path)
            if fault is None:
                return None
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    del self._faults[path]
            return fault

    def answer(
        self, method: str, path: str, query: Mapping[str, Sequence[str]], base_url: str
    ) -> tuple[int, Any, dict[str, str]]:
        """The status, JSON body and extra headers for an authorized request of
        ``path`` (lower case, without the mount prefix); ``base_url`` is the mount's URL."""
        status, body, headers = self._answer(method, path, query, base_url)
        with self._lock:
            self.requests.append(GraphRequest(path, dict(query), status))
        return status, body, headers

    def _answer(
        self, method: str, path: str, query: Mapping[str, Sequence[str]], base_url: str
    ) -> tuple[int, Any, dict[str, str]]:
        fault = self._take_fault(path)
        if fault is not None:
            return _fault(fault)
        if method != "GET":
            return 405, _error("Request_BadRequest", "This local Graph is read-only."), {}
        context = f"{base_url}/v1.0/$metadata#"
        if path in _SINGLETONS:
            name, entity = _SINGLETONS[path]
            with self._lock:
                payload = copy.deepcopy(self.state.get(name))
            if payload is None:
                return (
                    404,
                    _error("Request_ResourceNotFound", f"Resource '{name}' does not exist."),
                    {},
                )
            return 200, {"@odata.context": context + entity, **payload}, {}
        if path == _GROUP_SETTINGS:
            with self._lock:
                items = copy.deepcopy(list(self.state.get("group_settings") or ()))
            start = int((query.get("$skiptoken") or ["0"])[0])
            end = start + self.page_size
            page: dict[str, Any] = {"@odata.context": context + "groupSettings"}
            if end < len(items):
                link = f"{base_url}/v1.0/groupSettings?{urlencode({'$skiptoken': str(end)})}"
                page["@odata.nextLink"] = link
            page["value"] = items[start:end]
            return 200, page, {}
        return 400, _error("BadRequest", f"Resource not found for the segment '{path}'."), {}


def _norm(path: str) -> str:
    path = "/" + path.strip("/").lower()
    return path.removeprefix(PREFIX) if path.startswith(PREFIX + "/") else path


def _error(code: str, message: str) -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": message,
            "innerError": {
                "date": "2026-12-05T12:00:00",
                "request-id": "8d0d6f10-0000-4000-8000-000000000000",
                "client-request-id": "8d0d6f10-0000-4000-8000-000000000000",
            },
        }
    }


def _fault(fault: _Fault) -> tuple[int, Any, dict[str, str]]:
    if fault.status == 403:
        return (
            403,
            _error(
                "Authorization_RequestDenied", "Insufficient privileges to complete the operation."
            ),
            {},
        )
    if fault.status == 429:
        headers = {} if fault.retry_after is None else {"Retry-After": str(fault.retry_after)}
        return (
            429,
            _error(
                "TooManyRequests", "Too many requests. Please retry after the time in Retry-After."
            ),
            headers,
        )
    return fault.status, _error("generalException", "injected failure"), {}
