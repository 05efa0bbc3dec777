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
- ``/v1.0/groupSettings``, ``/v1.0/identity/conditionalAccess/policies`` and
  ``/namedLocations``, ``/v1.0/directoryRoles(roleTemplateId='...')/members`` (Global
  Administrator; 404 when the state's list is None, a role never activated):
  ``{"value": [...]}`` pages of :attr:`GraphTenant.page_size` linked by
  ``@odata.nextLink`` (with ``$skiptoken``);
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
from urllib.parse import unquote, urlencode

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
GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10"
_COLLECTIONS = {
    "/v1.0/groupsettings": ("group_settings", "v1.0/groupSettings", "groupSettings"),
    "/v1.0/identity/conditionalaccess/policies": (
        "conditional_access_policies",
        "v1.0/identity/conditionalAccess/policies",
        "identity/conditionalAccess/policies",
    ),
    "/v1.0/identity/conditionalaccess/namedlocations": (
        "named_locations",
        "v1.0/identity/conditionalAccess/namedLocations",
        "identity/conditionalAccess/namedLocations",
    ),
    f"/v1.0/directoryroles(roletemplateid='{GLOBAL_ADMINISTRATOR}')/members": (
        "global_administrators",
        f"v1.0/directoryRoles(roleTemplateId='{GLOBAL_ADMINISTRATOR}')/members",
        "directoryObjects",
    ),
}
"""Collection path (lower case) -> state key, the path's own spelling for nextLink, and
the @odata.context entity set."""


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
        "conditional_access_policies": _hardened_ca_policies(),
        "named_locations": [
            {
                "@odata.type": "#microsoft.graph.ipNamedLocation",
                "id": "0b7f4d5e-6c2a-4e1b-9d3f-1a2b3c4d5e01",
                "displayName": "Head office",
                "isTrusted": True,
                "ipRanges": [
                    {
                        "@odata.type": "#microsoft.graph.iPv4CidrRange",
                        "cidrAddress": "203.0.113.0/24",
                    }
                ],
            },
            {
                "@odata.type": "#microsoft.graph.countryNamedLocation",
                "id": "0b7f4d5e-6c2a-4e1b-9d3f-1a2b3c4d5e02",
                "displayName": "Allowed countries",
                "countriesAndRegions": ["DE", "FR", "US"],
                "includeUnknownCountriesAndRegions": False,
            },
        ],
        "global_administrators": [
            {"@odata.type": "#microsoft.graph.user", "id": "7a1c0000-0000-4000-8000-000000000001"},
            {"@odata.type": "#microsoft.graph.user", "id": "7a1c0000-0000-4000-8000-000000000002"},
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


def ca_policy(
    name: str,
    *,
    applications: Sequence[str] = ("All",),
    grant: Sequence[str] = ("mfa",),
    state: str = "enabled",
    **conditions: Any,
) -> dict[str, Any]:
    """A Conditional Access policy for all users in the Graph v1.0 shape; ``conditions``
    adds fields of its ``conditions`` (signInRiskLevels, authenticationFlows, ...)."""
    return {
        "id": f"ca-{name.lower().replace(' ', '-')}",
        "displayName": name,
        "state": state,
        "conditions": {
            "users": {"includeUsers": ["All"], "excludeUsers": [], "includeGroups": [],
                      "includeRoles": [], "excludeRoles": []},
            "applications": {"includeApplications": list(applications),
                             "excludeApplications": [], "includeUserActions": []},
            "clientAppTypes": ["all"],
            **conditions,
        },
        "grantControls": {"operator": "OR", "builtInControls": list(grant),
                          "customAuthenticationFactors": [], "termsOfUse": []},
    }  # fmt: skip


def _hardened_ca_policies() -> list[dict[str, Any]]:
    return [
        ca_policy("Require MFA for all users"),
        ca_policy("Require MFA for risky sign-ins", signInRiskLevels=["high", "medium"]),
        ca_policy(
            "Require MFA for Azure management",
            applications=["797f4846-ba00-4fd7-ba43-dac1f8f63013"],
        ),
        ca_policy("Require MFA for admin portals", applications=["MicrosoftAdminPortals"]),
        ca_policy(
            "Block device code flow",
            grant=["block"],
            authenticationFlows={"transferMethods": "deviceCodeFlow"},
        ),
    ]


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
        ``admin_consent_request_policy``, or a list: ``group_settings``,
        ``conditional_access_policies``, ``named_locations``, ``global_administrators``."""
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
        ``path`` (without the mount prefix; any case, percent-encoded or not);
        ``base_url`` is the mount's URL."""
        path = _norm(path)
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
        if path in _COLLECTIONS:
            name, spelled, entity = _COLLECTIONS[path]
            with self._lock:
                found = self.state.get(name)
                items = copy.deepcopy(list(found or ()))
            if found is None:  # a directory role never activated in the tenant
                return 404, _error("Request_ResourceNotFound", f"'{spelled}' not found."), {}
            start = int((query.get("$skiptoken") or ["0"])[0])
            end = start + self.page_size
            page: dict[str, Any] = {"@odata.context": context + entity}
            if end < len(items):
                link = f"{base_url}/{spelled}?{urlencode({'$skiptoken': str(end)})}"
                page["@odata.nextLink"] = link
            page["value"] = items[start:end]
            return 200, page, {}
        return 400, _error("BadRequest", f"Resource not found for the segment '{path}'."), {}


def _norm(path: str) -> str:
    path = "/" + unquote(path).strip("/").lower()
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
