"""Which token audience (and authority) a Resource Manager endpoint wants.

Azure China and US Government accept tokens for their own ARM URL, but an endpoint that
is not itself the audience (Azure Stack Hub, a private link or proxy in front of ARM)
refuses them with 401. So, as ``az cloud register --endpoint-resource-manager`` does,
the collector reads the cloud's own metadata, which ARM serves without a token:
``GET <endpoint>/metadata/endpoints?api-version=2022-09-01`` (the cloud's own object, or
on public ARM a list of clouds, of which the one whose ``resourceManager`` is the
endpoint), then ``api-version=2015-01-01`` (one object in the older shape Azure Stack
Hub documents). Either names ``authentication.audiences`` and
``authentication.loginEndpoint``.

The audience, first found wins: ``CollectRequest.audience`` (``--azure-audience``),
``AZURE_RESOURCE_MANAGER_AUDIENCE``, the metadata, the known clouds (public, China, US
Government), and last the endpoint itself. A metadata fetch that fails (no connection,
an HTTP error, not JSON, no audience) falls through to the next rule, logged at debug.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "AUDIENCE_ENV",
    "METADATA_API_VERSIONS",
    "Audience",
    "CloudMetadata",
    "fetch_metadata",
    "parse_metadata",
    "resolve_audience",
]

log = logging.getLogger(__name__)

AUDIENCE_ENV = "AZURE_RESOURCE_MANAGER_AUDIENCE"
METADATA_API_VERSIONS = ("2022-09-01", "2015-01-01")
METADATA_TIMEOUT = 10
"""Seconds to wait for the metadata endpoint to connect, and again to answer."""

# ARM endpoint -> (audience, authority host) of the clouds whose endpoints are well known,
# for when their metadata cannot be read.
_KNOWN_CLOUDS = {
    "https://management.azure.com": (
        "https://management.azure.com",
        "https://login.microsoftonline.com",
    ),
    "https://management.chinacloudapi.cn": (
        "https://management.chinacloudapi.cn",
        "https://login.chinacloudapi.cn",
    ),
    "https://management.usgovcloudapi.net": (
        "https://management.usgovcloudapi.net",
        "https://login.microsoftonline.us",
    ),
}


@dataclass(frozen=True)
class CloudMetadata:
    """What the collector takes from a cloud's ``/metadata/endpoints``."""

    audience: str
    """``authentication.audiences[0]`` without its trailing slash."""
    login_endpoint: str | None
    name: str | None
    api_version: str
    graph: str | None = None
    """``microsoftGraphResourceId`` without its trailing slash: the cloud's Microsoft
    Graph endpoint (and token audience), when the metadata names one."""


@dataclass(frozen=True)
class Audience:
    """The audience tokens are asked for, where it came from, and the authority host the
    cloud names (None: azure-identity's own default or AZURE_AUTHORITY_HOST)."""

    value: str
    source: str
    authority: str | None = None
    graph: str | None = None
    """The Microsoft Graph endpoint the cloud's metadata names, when it was read."""

    @property
    def scope(self) -> str:
        return f"{self.value}/.default"


def resolve_audience(endpoint: str, override: str | None, verify: str | None) -> Audience:
    """The audience for ``endpoint`` (no trailing slash), by the rules above."""
    if override and override.strip():
        return Audience(_named(override), "--azure-audience")
    from_env = os.environ.get(AUDIENCE_ENV, "").strip()
    if from_env:
        return Audience(_named(from_env), AUDIENCE_ENV)
    metadata = fetch_metadata(endpoint, verify)
    if metadata is not None:
        source = f"{endpoint}/metadata/endpoints?api-version={metadata.api_version}"
        return Audience(
            metadata.audience, source, _authority(metadata.login_endpoint), metadata.graph
        )
    known = _KNOWN_CLOUDS.get(_bare(endpoint).lower())
    if known is not None:
        return Audience(known[0], "the known audience of this cloud", known[1])
    return Audience(_bare(endpoint), "the endpoint itself")


def fetch_metadata(endpoint: str, verify: str | None) -> CloudMetadata | None:
    """The cloud's metadata from the first API version that answers usefully, or None."""
    for api_version in METADATA_API_VERSIONS:
        try:
            payload = _get_json(f"{endpoint}/metadata/endpoints", api_version, verify)
        except Exception as exc:  # any failure falls through to the next rule
            log.debug(
                "no metadata at %s (api-version %s): %s",
                endpoint,
                api_version,
                f"{type(exc).__name__}: {exc}".splitlines()[0][:200],
            )
            continue
        found = parse_metadata(payload, endpoint, api_version)
        if found is not None:
            return found
        log.debug("metadata at %s (api-version %s) names no audience", endpoint, api_version)
    return None


def parse_metadata(payload: Any, endpoint: str, api_version: str) -> CloudMetadata | None:
    """The metadata of ``endpoint``'s cloud in ``payload``: the object itself (a cloud's
    own answer, either API version), or from a list of clouds the one whose
    ``resourceManager`` is ``endpoint`` (the only one, if the list has one)."""
    if isinstance(payload, list):
        clouds = [c for c in payload if isinstance(c, dict)]
        wanted = _bare(endpoint).lower()
        mine = [c for c in clouds if _bare(str(c.get("resourceManager") or "")).lower() == wanted]
        if not mine and len(clouds) == 1:
            mine = clouds
        payload = mine[0] if mine else None
    if not isinstance(payload, dict):
        return None
    auth = payload.get("authentication")
    if not isinstance(auth, dict):
        return None
    audiences = auth.get("audiences")
    if not isinstance(audiences, list) or not audiences or not isinstance(audiences[0], str):
        return None
    audience = _bare(audiences[0])
    if not audience:
        return None
    login = auth.get("loginEndpoint")
    name = payload.get("name")
    graph = payload.get("microsoftGraphResourceId")
    return CloudMetadata(
        audience=audience,
        login_endpoint=login if isinstance(login, str) and login.strip() else None,
        name=name if isinstance(name, str) else None,
        api_version=api_version,
        graph=_bare(graph) if isinstance(graph, str) and graph.strip() else None,
    )


def _get_json(url: str, api_version: str, verify: str | None) -> Any:
    """GET ``url`` without a token through azure-core (proxies, TLS trust and logging as
    the SDK clients have them); raises on a transport error, an HTTP error or bad JSON."""
    from azure.core import PipelineClient
    from azure.core.pipeline.policies import (
        HttpLoggingPolicy,
        ProxyPolicy,
        RetryPolicy,
        UserAgentPolicy,
    )
    from azure.core.rest import HttpRequest

    options: dict[str, Any] = {
        "connection_timeout": METADATA_TIMEOUT,
        "read_timeout": METADATA_TIMEOUT,
    }
    if verify:
        options["connection_verify"] = verify
    policies = [
        UserAgentPolicy(sdk_moniker="cspm-opa"),
        ProxyPolicy(),
        RetryPolicy(retry_total=1, retry_backoff_factor=0.2),
        HttpLoggingPolicy(),
    ]
    with PipelineClient(url, policies=policies, **options) as client:
        response = client.send_request(HttpRequest("GET", url, params={"api-version": api_version}))
        response.raise_for_status()
        text = response.text().lstrip("\ufeff")
    return json.loads(text)


def _bare(url: str) -> str:
    return url.strip().rstrip("/")


def _named(audience: str) -> str:
    """An audience a user named, given as itself or as its scope (``.../.default``)."""
    return _bare(_bare(audience).removesuffix("/.default"))


def _authority(login_endpoint: str | None) -> str | None:
    """The authority host of a login endpoint: azure-identity appends the tenant itself
    (``adfs`` for Azure Stack's AD FS, whose login endpoint ends in ``/adfs/``)."""
    if not login_endpoint:
        return None
    split = urlsplit(login_endpoint.strip())
    if not split.scheme or not split.netloc:
        return None
    return f"{split.scheme}://{split.netloc}"
