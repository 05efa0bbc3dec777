"""Microsoft Entra tenant settings through Microsoft Graph v1.0, read once per scan and
added to every subscription's snapshot (they are the tenant's, not a subscription's).

Read-only, with Policy.Read.All and Directory.Read.All (application permissions):

====================================================  ======================================
GET                                                   resource type
====================================================  ======================================
/v1.0/policies/identitySecurityDefaultsEnforcementPolicy  azuread_security_defaults_policy
/v1.0/policies/authorizationPolicy                    azuread_authorization_policy
/v1.0/groupSettings (paged)                           azuread_directory_settings
/v1.0/policies/adminConsentRequestPolicy              azuread_admin_consent_request_policy
/v1.0/identity/conditionalAccess/policies and         azuread_conditional_access
/v1.0/identity/conditionalAccess/namedLocations
/v1.0/directoryRoles(roleTemplateId='62e9...')/members  azuread_directory_role
====================================================  ======================================

A read that fails (403 ``Authorization_RequestDenied``, 429 after the retries, no answer)
becomes a coverage entry naming only its own resource type, so exactly the checks of
that type are UNKNOWN. The Graph endpoint is, first found wins: ``--azure-graph-endpoint``
(``CollectRequest.graph_endpoint``), ``AZURE_GRAPH_ENDPOINT``, the
``microsoftGraphResourceId`` that the Resource Manager's ``/metadata/endpoints`` names,
the known clouds' Graph; with none, Graph is not read and every type is a coverage gap.
Tokens are asked for the audiences :func:`graph_audiences` lists, the next one tried
after a 401 (``AZURE_GRAPH_AUDIENCE`` names the only one).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cspm_opa.collect.azure._graph_client import GraphClient, GraphError
from cspm_opa.collect.azure._part import GLOBAL, Part
from cspm_opa.normalize.azure import entra

__all__ = [
    "GRAPH_AUDIENCE_ENV",
    "GRAPH_ENDPOINT_ENV",
    "READS",
    "EntraSettings",
    "collect_entra",
    "graph_audiences",
    "graph_endpoint",
]

GRAPH_ENDPOINT_ENV = "AZURE_GRAPH_ENDPOINT"
GRAPH_AUDIENCE_ENV = "AZURE_GRAPH_AUDIENCE"
PUBLIC_GRAPH = "https://graph.microsoft.com"
SERVICE = "graph"

_KNOWN_GRAPH = {
    "https://management.azure.com": "https://graph.microsoft.com",
    "https://management.chinacloudapi.cn": "https://microsoftgraph.chinacloudapi.cn",
    "https://management.usgovcloudapi.net": "https://graph.microsoft.us",
}

_Normalize = Callable[[Any, str], dict[str, Any]]


@dataclass(frozen=True)
class Read:
    rtype: str
    path: str
    paged: bool
    normalize: _Normalize
    fetch: Callable[[GraphClient], Any] | None = None
    """How to read it when it is more than one GET of ``path``."""


CA_POLICIES = "/v1.0/identity/conditionalAccess/policies"
NAMED_LOCATIONS = "/v1.0/identity/conditionalAccess/namedLocations"
GLOBAL_ADMIN_MEMBERS = (
    f"/v1.0/directoryRoles(roleTemplateId='{entra.GLOBAL_ADMINISTRATOR}')/members"
)


def _conditional_access(client: GraphClient) -> dict[str, Any]:
    return {
        "policies": list(client.get_all(CA_POLICIES)),
        "named_locations": list(client.get_all(NAMED_LOCATIONS)),
    }


def _global_admins(client: GraphClient) -> list[dict[str, Any]]:
    """The role's members; a role never activated in the tenant is 404, and has none."""
    try:
        return list(client.get_all(GLOBAL_ADMIN_MEMBERS))
    except GraphError as exc:
        if exc.status == 404:
            return []
        raise


READS = (
    Read(
        "azuread_security_defaults_policy",
        "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy",
        False,
        entra.security_defaults,
    ),
    Read(
        "azuread_authorization_policy",
        "/v1.0/policies/authorizationPolicy",
        False,
        entra.authorization_policy,
    ),
    Read("azuread_directory_settings", "/v1.0/groupSettings", True, entra.directory_settings),
    Read(
        "azuread_admin_consent_request_policy",
        "/v1.0/policies/adminConsentRequestPolicy",
        False,
        entra.admin_consent_request_policy,
    ),
    Read(
        "azuread_conditional_access",
        CA_POLICIES,
        True,
        entra.conditional_access,
        _conditional_access,
    ),
    Read(
        "azuread_directory_role",
        GLOBAL_ADMIN_MEMBERS,
        True,
        entra.global_administrators,
        _global_admins,
    ),
)
"""What is read, in order, and the type each read produces."""


@dataclass
class EntraSettings:
    """The raw Graph answers by resource type, and the reads that failed."""

    endpoint: str | None
    raw: dict[str, Any] = field(default_factory=dict)
    gaps: list[dict[str, Any]] = field(default_factory=list)
    retries: int = 0

    def part(self, tenant_id: str | None) -> Part:
        """The documents and coverage gaps for a subscription of ``tenant_id``."""
        tenant = tenant_id or "unknown"
        part = Part(coverage=[dict(g) for g in self.gaps])
        for read in READS:
            if read.rtype in self.raw:
                part.resources.append(read.normalize(self.raw[read.rtype], tenant))
        return part


def graph_endpoint(
    override: str | None,
    arm_endpoint: str,
    verify: str | None,
    from_metadata: str | None = None,
) -> tuple[str | None, str]:
    """The Graph endpoint to read and where it came from; ``from_metadata`` is what the
    cloud's metadata named when the audience was resolved (read again if None)."""
    if override and override.strip():
        return override.strip().rstrip("/"), "--azure-graph-endpoint"
    from_env = os.environ.get(GRAPH_ENDPOINT_ENV, "").strip()
    if from_env:
        return from_env.rstrip("/"), GRAPH_ENDPOINT_ENV
    if from_metadata is None:
        from cspm_opa.collect.azure._audience import fetch_metadata

        metadata = fetch_metadata(arm_endpoint, verify)
        from_metadata = metadata.graph if metadata is not None else None
    if from_metadata:
        return from_metadata, f"{arm_endpoint}/metadata/endpoints"
    known = _KNOWN_GRAPH.get(arm_endpoint.rstrip("/").lower())
    if known:
        return known, "the known Graph of this cloud"
    return None, "none"


def graph_audiences(endpoint: str, from_metadata: str | None = None) -> tuple[str, ...]:
    """Token audiences to try for ``endpoint``: ``AZURE_GRAPH_AUDIENCE`` alone when set;
    else the Graph resource id the cloud's metadata names, the endpoint itself, and public
    Graph's, in that order and without repeats."""
    named = os.environ.get(GRAPH_AUDIENCE_ENV, "").strip()
    if named:
        return (named.removesuffix("/.default").rstrip("/"),)
    out: list[str] = []
    for candidate in (from_metadata, endpoint, PUBLIC_GRAPH):
        bare = (candidate or "").rstrip("/")
        if bare and bare.lower() not in {o.lower() for o in out}:
            out.append(bare)
    return tuple(out)


def collect_entra(
    credential: Any,
    endpoint: str | None,
    verify: str | None,
    *,
    audiences: tuple[str, ...] = (),
    sleep: Callable[[float], None] | None = None,
) -> EntraSettings:
    """Read every :data:`READS` entry from ``endpoint`` (None: record them all as gaps)."""
    found = EntraSettings(endpoint)
    if endpoint is None:
        detail = (
            "no Microsoft Graph endpoint is known for this cloud; name it with "
            f"--azure-graph-endpoint or {GRAPH_ENDPOINT_ENV}"
        )
        found.gaps = [_gap(r.rtype, "error", detail) for r in READS]
        return found
    options: dict[str, Any] = {"audiences": audiences or graph_audiences(endpoint)}
    if sleep is not None:
        options["sleep"] = sleep
    client = GraphClient(endpoint, credential, verify, **options)
    try:
        unreachable: str | None = None
        for read in READS:
            if unreachable is not None:  # no answer before: do not wait for each read
                found.gaps.append(_gap(read.rtype, "error", unreachable))
                continue
            try:
                if read.fetch is not None:
                    found.raw[read.rtype] = read.fetch(client)
                elif read.paged:
                    found.raw[read.rtype] = list(client.get_all(read.path))
                else:
                    found.raw[read.rtype] = client.get(read.path)
            except GraphError as exc:
                found.gaps.append(_gap(read.rtype, exc.coverage_status, str(exc)))
                if exc.status == 0:
                    unreachable = f"Microsoft Graph at {endpoint} did not answer: {exc}"
            except Exception as exc:
                if not _credential_error(exc):
                    raise
                found.gaps.append(_gap(read.rtype, "denied", _first_line(exc)))
    finally:
        found.retries = len(client.retries)
        client.close()
    return found


def _gap(rtype: str, status: str, detail: str) -> dict[str, Any]:
    return {
        "service": SERVICE,
        "region": GLOBAL,
        "status": status,
        "detail": detail[:300],
        "resource_types": [rtype],
    }


def _credential_error(exc: BaseException) -> bool:
    from azure.core.exceptions import ClientAuthenticationError

    return isinstance(exc, ClientAuthenticationError)


def _first_line(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
