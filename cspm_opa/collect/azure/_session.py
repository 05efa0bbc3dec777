"""How the collector reaches Azure: endpoint, credential, SDK clients, and errors.

Everything here is read at call time, never at import: the azure SDKs load only when a
collection starts. The endpoint comes from ``CollectRequest.endpoint`` or
``AZURE_RESOURCE_MANAGER_URL`` (Azure China, US Government, Azure Stack, a private link
or proxy, a local fake); the token audience is the one that endpoint's cloud names
(:mod:`cspm_opa.collect.azure._audience`: ``--azure-audience``,
``AZURE_RESOURCE_MANAGER_AUDIENCE``, the cloud's ``/metadata/endpoints``, the known
clouds, the endpoint itself), and its login endpoint is the authority unless
``AZURE_AUTHORITY_HOST`` is set or a credential is given. TLS trust is requests' own
(``REQUESTS_CA_BUNDLE``), with ``SSL_CERT_FILE`` honoured too.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from cspm_opa.collect import CollectRequest
from cspm_opa.collect.azure._audience import AUDIENCE_ENV, Audience, resolve_audience

__all__ = ["AzureSession", "classify", "describe", "to_rest"]

PUBLIC_ARM = "https://management.azure.com"

# Authority hosts MSAL knows; any other host (Azure Stack's AD FS, a private or local
# authority) is one the user named on purpose, so Microsoft's instance discovery,
# which would reject it, is skipped.
_KNOWN_AUTHORITIES = frozenset(
    {
        "login.microsoftonline.com",
        "login.microsoft.com",
        "login.windows.net",
        "login.chinacloudapi.cn",
        "login.partner.microsoftonline.cn",
        "login.microsoftonline.us",
        "login.usgovcloudapi.net",
    }
)

RETRIES = 4
"""Attempts after the first for a throttled or failed request (Retry-After honoured)."""
RETRY_BACKOFF = 0.5
"""Seconds of exponential backoff between retries when the service sends no Retry-After."""


@dataclass
class AzureSession:
    """The endpoint, credential and client options shared by every SDK client."""

    endpoint: str
    credential: Any
    verify: str | None = None
    audience: Audience | None = None
    """None: the endpoint itself is the audience."""
    _clients: dict[tuple[str, str | None], Any] = field(default_factory=dict)

    @classmethod
    def from_request(cls, request: CollectRequest) -> AzureSession:
        endpoint = (
            request.endpoint or os.environ.get("AZURE_RESOURCE_MANAGER_URL") or PUBLIC_ARM
        ).rstrip("/")
        verify = None
        if not os.environ.get("REQUESTS_CA_BUNDLE") and os.environ.get("SSL_CERT_FILE"):
            verify = os.environ["SSL_CERT_FILE"]
        audience = resolve_audience(endpoint, request.audience, verify)
        credential = request.credential or _default_credential(verify, audience.authority)
        return cls(endpoint=endpoint, credential=credential, verify=verify, audience=audience)

    @property
    def scope(self) -> str:
        return self.audience.scope if self.audience else f"{self.endpoint}/.default"

    def explain(self, exc: BaseException) -> str:
        """:func:`describe`, and for a 401 the audience the token was for and how to
        name another, since a Resource Manager that wants another audience says only
        that the token is invalid."""
        text = describe(exc)
        if getattr(exc, "status_code", None) != 401:
            return text
        audience = self.audience or Audience(self.endpoint, "the endpoint itself")
        return (
            f"{text} [the token's audience was {audience.value} (from {audience.source}); "
            f"if {self.endpoint} wants another, name it with --azure-audience or "
            f"{AUDIENCE_ENV}]"
        )

    def options(self) -> dict[str, Any]:
        """Keyword arguments for every azure-mgmt client."""
        options: dict[str, Any] = {
            "base_url": self.endpoint,
            "credential_scopes": [self.scope],
            "retry_total": RETRIES,
            "retry_status": RETRIES,
            "retry_backoff_factor": RETRY_BACKOFF,
        }
        if self.verify:
            options["connection_verify"] = self.verify
        return options

    def client(self, factory: Callable[..., Any], subscription_id: str | None = None) -> Any:
        """A client of ``factory`` (an SDK client class) for one subscription."""
        if subscription_id is None:
            return factory(self.credential, **self.options())
        return factory(self.credential, subscription_id, **self.options())

    def rest_list(self, subscription_id: str, path: str, api_version: str) -> Iterator[Any]:
        """GET an ARM list through an SDK pipeline (auth, retries, base URL), following
        nextLink: for operations the installed SDKs lack (diagnostic settings were
        dropped from azure-mgmt-monitor 7; security contacts with attack path
        notifications need an API version newer than azure-mgmt-security's)."""
        from azure.core.rest import HttpRequest
        from azure.mgmt.resource.resources import ResourceManagementClient

        client = self.client(ResourceManagementClient, subscription_id)
        request = HttpRequest("GET", path, params={"api-version": api_version})
        while True:
            response = client.send_request(request)
            response.raise_for_status()
            page = response.json()
            yield from page.get("value") or ()
            next_link = page.get("nextLink")
            if not next_link:
                return
            request = HttpRequest("GET", next_link)


def _default_credential(verify: str | None, cloud_authority: str | None = None) -> Any:
    """DefaultAzureCredential, its authority ``AZURE_AUTHORITY_HOST`` when set, else the
    one the cloud's metadata names (``cloud_authority``), else azure-identity's own."""
    from azure.identity import DefaultAzureCredential

    options: dict[str, Any] = {}
    authority = os.environ.get("AZURE_AUTHORITY_HOST")
    if not authority and cloud_authority:
        authority = options["authority"] = cloud_authority
    if authority:
        host = urlsplit(authority if "//" in authority else f"https://{authority}").hostname
        if host and host.lower() not in _KNOWN_AUTHORITIES:
            options["disable_instance_discovery"] = True
    if verify:
        options["connection_verify"] = verify
    return DefaultAzureCredential(**options)


def to_rest(model: Any) -> dict[str, Any]:
    """An SDK model back in its REST shape (camelCase, ``properties`` nested), whichever
    generator produced it: typespec models are mappings over the wire JSON, older
    msrest models serialize themselves."""
    if isinstance(model, dict):
        return model
    as_dict = getattr(model, "as_dict", None)
    if hasattr(model, "keys") and callable(as_dict):
        return dict(as_dict())
    serialize = getattr(model, "serialize", None)
    if callable(serialize):
        return dict(serialize(keep_readonly=True))
    raise TypeError(f"cannot read {type(model).__name__} as an ARM payload")


def classify(exc: BaseException) -> str:
    """The coverage status for a failed call: denied, throttled or error."""
    status = getattr(exc, "status_code", None)
    if status in (401, 403):
        return "denied"
    if status == 429:
        return "throttled"
    return "error"


def describe(exc: BaseException) -> str:
    """One line naming the failure, as ARM reports it (code and HTTP status)."""
    status = getattr(exc, "status_code", None)
    error = getattr(exc, "error", None)
    code = getattr(error, "code", None) or type(exc).__name__
    message = str(getattr(error, "message", None) or exc).splitlines()[0]
    prefix = f"{code} ({status})" if status else code
    return f"{prefix}: {message}"[:300]
