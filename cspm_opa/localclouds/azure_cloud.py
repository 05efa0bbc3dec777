"""A local Azure: an HTTPS server that speaks Azure Resource Manager REST and the
Microsoft Entra v2 token endpoint, for tests, the demo and users' own tests.

The real azure-mgmt clients and azure-identity's credentials talk to it unchanged:
point ``base_url`` (or ``cspm-opa scan --azure-endpoint``) at :attr:`AzureCloudServer.url`,
set ``AZURE_AUTHORITY_HOST`` to the same URL, and trust :attr:`AzureCloudServer.ca_path`
(a trustme CA) through ``REQUESTS_CA_BUNDLE``. What it serves is what was put in:

- ``put(path, payload)``: a GET of ``path`` returns ``payload``;
- ``put_list(path, items)``: a GET of ``path`` returns ``{"value": [...]}`` pages of
  :attr:`AzureCloud.page_size` items linked by ``nextLink``, as ARM pages (or all at
  once with ``paged=False``, for the operations ARM does not page);
- ``add_graph_rows(rows)``: rows that Azure Resource Graph queries return, filtered by
  the quoted resource types in the query and the subscriptions of the request, paged
  with ``$skipToken``;
- ``fail(path, status)``: answers ``path`` with 401 (InvalidAuthenticationToken, an
  expired token), 403 (AuthorizationFailed), 429 (TooManyRequests, with Retry-After) or
  any other status, for ``times`` requests or for ever.

Paths are case-insensitive, as in ARM. ``GET /metadata/endpoints`` answers without a
token, as ARM does: with ``api-version=2022-09-01`` this cloud's object (or, with
:attr:`AzureCloud.metadata_as_list`, a list of clouds as public ARM answers), with
``2015-01-01`` the older object Azure Stack Hub documents; it names
:attr:`AzureCloud.audience` (``https://management.azure.com/`` unless set otherwise,
so a test can run an endpoint that is not its own audience, like Azure Stack) and this
server as the login endpoint. The token endpoint checks the client id and the secret
and issues a token for the requested ``<resource>/.default``; every other request must
carry such a token whose audience is this cloud's (else 401
``InvalidAuthenticationToken``, with ``WWW-Authenticate``) and an ``api-version``.
Requests are recorded in :attr:`AzureCloud.requests` so tests can see paging and
retries happen.
"""

from __future__ import annotations

import json
import re
import secrets
import ssl
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from cspm_opa.localclouds.azure_graph import GraphTenant

__all__ = [
    "AzureCloud",
    "AzureCloudServer",
    "RecordedRequest",
]

TENANT_ID = "5e1a7c93-0b4d-4e62-8f37-a2c9d1e6b805"
CLIENT_ID = "0d7c1b2a-4f3e-4a5b-9c8d-7e6f5a4b3c2d"
CLIENT_SECRET = "local-only-secret"
"""The fake's own client secret: it guards nothing but this local server."""
AUDIENCE = "https://management.azure.com/"
METADATA_API_VERSIONS = ("2022-09-01", "2015-01-01")
PUBLIC_CLOUD_METADATA = {
    "name": "AzureCloud",
    "portal": "https://portal.azure.com",
    "resourceManager": "https://management.azure.com/",
    "authentication": {
        "loginEndpoint": "https://login.microsoftonline.com",
        "audiences": ["https://management.core.windows.net/", "https://management.azure.com/"],
        "tenant": "common",
        "identityProvider": "AAD",
    },
    "graph": "https://graph.windows.net/",
    "graphAudience": "https://graph.windows.net/",
    "microsoftGraphResourceId": "https://graph.microsoft.com/",
    "suffixes": {
        "storage": "core.windows.net",
        "keyVaultDns": "vault.azure.net",
        "sqlServerHostname": "database.windows.net",
    },
}
"""Public Azure's entry, which this server lists before its own when it answers in the
list form."""


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server answered (path lower-cased, query as parsed)."""

    method: str
    path: str
    query: Mapping[str, list[str]]
    status: int


@dataclass
class _Fault:
    status: int
    times: int | None
    retry_after: int | None


@dataclass
class AzureCloud:
    """The state the server serves. Thread-safe; mutate it while the server runs."""

    page_size: int = 2
    tenant_id: str = TENANT_ID
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    audience: str = AUDIENCE
    """The audience this Resource Manager accepts and its metadata names."""
    metadata_api_versions: tuple[str, ...] = METADATA_API_VERSIONS
    """The api-versions ``/metadata/endpoints`` answers (others: 400, as ARM)."""
    metadata_as_list: bool = False
    """Answer 2022-09-01 with a list of clouds (public Azure, then this one), as public
    ARM does, instead of this cloud's own object."""
    objects: dict[str, Any] = field(default_factory=dict)
    lists: dict[str, list[Any]] = field(default_factory=dict)
    unpaged: set[str] = field(default_factory=set)
    graph_rows: list[dict[str, Any]] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list)
    tokens: dict[str, str] = field(default_factory=dict)
    """Issued token -> the audience it was issued for."""
    graph: GraphTenant = field(default_factory=GraphTenant)
    """The tenant's Microsoft Graph, served under ``/graph`` (see
    :mod:`cspm_opa.localclouds.azure_graph`)."""
    _faults: dict[tuple[str, str], _Fault] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def put(self, path: str, payload: Any) -> None:
        with self._lock:
            self.objects[_key(path)] = payload

    def put_list(self, path: str, items: Sequence[Any], *, paged: bool = True) -> None:
        """Serve ``items`` as a list; ``paged=False`` for the operations ARM answers in
        one response without nextLink (Defender pricings, diagnostic settings)."""
        with self._lock:
            self.lists[_key(path)] = list(items)
            if not paged:
                self.unpaged.add(_key(path))

    def append(self, path: str, item: Any) -> None:
        with self._lock:
            self.lists.setdefault(_key(path), []).append(item)

    def add_graph_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        with self._lock:
            self.graph_rows.extend(dict(r) for r in rows)

    def fail(
        self,
        path: str,
        status: int,
        *,
        times: int | None = None,
        retry_after: int | None = None,
        method: str = "GET",
    ) -> None:
        """Answer ``method path`` with ``status`` (the next ``times`` requests, or all)."""
        with self._lock:
            self._faults[(method.upper(), _key(path))] = _Fault(status, times, retry_after)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def hits(self, path: str, method: str = "GET") -> list[RecordedRequest]:
        """The recorded requests of one path."""
        key = _key(path)
        with self._lock:
            return [r for r in self.requests if r.path == key and r.method == method]

    def patch(self, path: str, body: Mapping[str, Any]) -> Any:
        """ARM's PATCH (StorageAccounts_Update, say): merge ``body`` into the resource at
        ``path``, wherever it is served (its own GET, its type's listing, the generic
        ``/resources`` listing, which carries only its tags); the merged resource, or
        None if this cloud has no such resource."""
        key = _key(path)
        merged = None
        with self._lock:
            if key in self.objects:
                merged = self.objects[key] = _merge(self.objects[key], body)
            for listing, items in self.lists.items():
                for i, item in enumerate(items):
                    if not isinstance(item, dict) or _key(str(item.get("id", ""))) != key:
                        continue
                    if listing.endswith("/resources"):
                        items[i] = _merge(item, {"tags": body["tags"]} if "tags" in body else {})
                    else:
                        merged = items[i] = _merge(item, body)
        return merged

    def find(self, path: str) -> Any:
        """The resource at ``path``: its own object, else the item of a listing with that
        id (ARM serves every listed resource at its id)."""
        key = _key(path)
        with self._lock:
            if key in self.objects:
                return self.objects[key]
            for listing, items in self.lists.items():
                if listing.endswith("/resources"):
                    continue
                for item in items:
                    if isinstance(item, dict) and _key(str(item.get("id", ""))) == key:
                        return item
        return None

    def _take_fault(self, method: str, path: str) -> _Fault | None:
        with self._lock:
            fault = self._faults.get((method, path))
            if fault is None:
                return None
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    del self._faults[(method, path)]
            return fault

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)


def _key(path: str) -> str:
    return "/" + path.strip("/").lower()


def _merge(base: Any, patch: Any) -> Any:
    """JSON merge patch (RFC 7396), as ARM applies a PATCH body: objects merge, a null
    removes the key, anything else replaces."""
    if not isinstance(patch, Mapping) or not isinstance(base, Mapping):
        return patch
    out = dict(base)
    for name, value in patch.items():
        if value is None:
            out.pop(name, None)
        else:
            out[name] = _merge(out.get(name), value)
    return out


_GRAPH_PATH = _key("/providers/Microsoft.ResourceGraph/resources")
_METADATA_PATH = _key("/metadata/endpoints")
_GRAPH_PREFIX = "/graph"
_QUOTED_TYPE = re.compile(r"'([a-z0-9.]+/[a-z0-9./]+)'", re.IGNORECASE)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read :attr:`AzureCloud.requests` instead."""

    # --- plumbing -------------------------------------------------------------------

    @property
    def cloud(self) -> AzureCloud:
        return self.server.cloud

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status: int, payload: Any, headers: Mapping[str, str] | None = None) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-ms-request-id", secrets.token_hex(8))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        split = urlsplit(self.path)
        self.cloud._record(
            RecordedRequest(self.command, _key(split.path), parse_qs(split.query), status)
        )

    def _error(self, status: int, code: str, message: str, **headers: str) -> None:
        self._send(status, {"error": {"code": code, "message": message}}, headers)

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        split = urlsplit(self.path)
        path, query = _key(split.path), parse_qs(split.query)
        body = self._body()
        if path.endswith("/v2.0/.well-known/openid-configuration"):
            return self._openid(path)
        if path.endswith("/oauth2/v2.0/token") and self.command == "POST":
            return self._token(path, body)
        if path == _METADATA_PATH and self.command == "GET":
            return self._metadata(query)
        if path.startswith(_GRAPH_PREFIX + "/"):
            return self._msgraph(path.removeprefix(_GRAPH_PREFIX), query)
        return self._arm(path, query, body)

    def _msgraph(self, path: str, query: Mapping[str, list[str]]) -> None:
        """Microsoft Graph v1.0: tokens must be for this server's Graph audience."""
        base = f"{self.server.url}{_GRAPH_PREFIX}"
        audience = (self.cloud.graph.audience or base).rstrip("/")
        auth = self.headers.get("Authorization", "")
        with self.cloud._lock:
            issued_for = self.cloud.tokens.get(auth[7:]) if auth.startswith("Bearer ") else None
        if issued_for is None or issued_for.rstrip("/").lower() != audience.lower():
            return self._error(
                401,
                "InvalidAuthenticationToken",
                "Access token validation failure. Invalid audience."
                if issued_for
                else "Access token is empty.",
            )
        status, payload, headers = self.cloud.graph.answer(self.command, path, query, base)
        self._send(status, payload, headers)

    # --- Microsoft Entra (v2 endpoints, client credentials) ----------------------------

    def _openid(self, path: str) -> None:
        tenant = path.split("/")[1]
        base = f"{self.server.url}/{tenant}"
        self._send(
            200,
            {
                "issuer": f"{base}/v2.0",
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "token_endpoint": f"{base}/oauth2/v2.0/token",
                "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
                "token_endpoint_auth_methods_supported": ["client_secret_post"],
                "tenant_region_scope": "NA",
            },
        )

    def _token(self, path: str, body: bytes) -> None:
        form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        tenant = path.split("/")[1]
        if tenant != self.cloud.tenant_id.lower():
            return self._send(400, _aad_error("invalid_request", "AADSTS90002: Tenant not found."))
        if (
            form.get("client_id") != self.cloud.client_id
            or form.get("client_secret") != self.cloud.client_secret
        ):
            return self._send(
                401, _aad_error("invalid_client", "AADSTS7000215: Invalid client secret provided.")
            )
        resources = [
            scope.removesuffix("/.default")
            for scope in form.get("scope", "").split(" ")
            if scope.endswith("/.default")
        ]
        if form.get("grant_type") != "client_credentials" or len(resources) != 1:
            return self._send(
                400,
                _aad_error("invalid_scope", "AADSTS70011: scope must be one <resource>/.default."),
            )
        token = secrets.token_urlsafe(24)
        with self.cloud._lock:
            self.cloud.tokens[token] = resources[0]
        self._send(
            200,
            {
                "token_type": "Bearer",
                "expires_in": 3599,
                "ext_expires_in": 3599,
                "access_token": token,
            },
        )

    # --- Azure Resource Manager --------------------------------------------------------

    def _metadata(self, query: Mapping[str, list[str]]) -> None:
        """``/metadata/endpoints``, served without a token as ARM serves it."""
        version = (query.get("api-version") or [""])[0]
        if not version:
            return self._error(
                400,
                "MissingApiVersionParameter",
                "The api-version query parameter (?api-version=) is required for all requests.",
            )
        if version not in self.cloud.metadata_api_versions:
            supported = ", ".join(self.cloud.metadata_api_versions)
            return self._error(
                400,
                "InvalidApiVersionParameter",
                f"The api-version '{version}' is invalid. The supported versions are "
                f"'{supported}'.",
            )
        url, audience = self.server.url, self.cloud.audience
        if version == "2015-01-01":
            return self._send(
                200,
                {
                    "galleryEndpoint": f"{url}/gallery/",
                    "graphEndpoint": f"{url}/graph/",
                    "portalEndpoint": f"{url}/portal/",
                    "authentication": {"loginEndpoint": f"{url}/", "audiences": [audience]},
                },
            )
        mine = {
            "name": "LocalAzure",
            "portal": f"{url}/portal",
            "resourceManager": f"{url}/",
            "authentication": {
                "loginEndpoint": f"{url}/",
                "audiences": [audience],
                "tenant": self.cloud.tenant_id,
                "identityProvider": "AAD",
            },
            "graph": f"{url}/graph/",
            "graphAudience": f"{url}/graph/",
            "microsoftGraphResourceId": f"{url}/graph/",
            "suffixes": {"storage": "local", "keyVaultDns": "vault.local"},
        }
        self._send(200, [PUBLIC_CLOUD_METADATA, mine] if self.cloud.metadata_as_list else mine)

    def _arm(self, path: str, query: Mapping[str, list[str]], body: bytes) -> None:
        auth = self.headers.get("Authorization", "")
        with self.cloud._lock:
            issued_for = self.cloud.tokens.get(auth[7:]) if auth.startswith("Bearer ") else None
        if issued_for is None:
            return self._invalid_token("The access token is missing or invalid.")
        if issued_for.rstrip("/").lower() != self.cloud.audience.rstrip("/").lower():
            return self._invalid_token(
                f"The access token has been obtained for wrong audience or resource "
                f"'{issued_for}'. It should exactly match with one of the allowed audiences "
                f"'{self.cloud.audience}'."
            )
        if not query.get("api-version"):
            return self._error(
                400,
                "MissingApiVersionParameter",
                "The api-version query parameter (?api-version=) is required for all requests.",
            )
        fault = self.cloud._take_fault(self.command, path)
        if fault is not None:
            return self._fault(fault, path)
        if path == _GRAPH_PATH and self.command == "POST":
            return self._graph(json.loads(body or b"{}"))
        if self.command == "PATCH":
            return self._patch(path, body)
        if self.command != "GET":
            return self._error(405, "MethodNotAllowed", "this fake cloud is read-only")
        with self.cloud._lock:
            items = self.cloud.lists.get(path)
        if items is not None:
            return self._page(path, query, items)
        obj = self.cloud.find(path)
        if obj is not None:
            return self._send(200, obj)
        return self._error(404, "ResourceNotFound", f"The resource '{path}' was not found.")

    def _patch(self, path: str, body: bytes) -> None:
        try:
            update = json.loads(body or b"null")
        except ValueError:
            update = None
        if not isinstance(update, dict):
            return self._error(
                400, "InvalidRequestContent", "The request content must be a JSON object."
            )
        merged = self.cloud.patch(path, update)
        if merged is None:
            return self._error(404, "ResourceNotFound", f"The resource '{path}' was not found.")
        self._send(200, merged)

    def _invalid_token(self, message: str) -> None:
        challenge = (
            f'Bearer authorization_uri="{self.server.url}/", error="invalid_token", '
            'error_description="The access token is invalid."'
        )
        self._error(401, "InvalidAuthenticationToken", message, **{"WWW-Authenticate": challenge})

    def _fault(self, fault: _Fault, path: str) -> None:
        if fault.status == 401:
            return self._invalid_token("The access token expiry UTC time is earlier than now.")
        if fault.status == 403:
            return self._error(
                403,
                "AuthorizationFailed",
                f"The client '{self.cloud.client_id}' does not have authorization to perform "
                f"action 'read' over scope '{path}' or the scope is invalid.",
            )
        if fault.status == 429:
            headers = {} if fault.retry_after is None else {"Retry-After": str(fault.retry_after)}
            return self._error(
                429,
                "TooManyRequests",
                "The request is being throttled as the limit has been reached.",
                **headers,
            )
        self._error(fault.status, "InternalServerError", "injected failure")

    def _page(self, path: str, query: Mapping[str, list[str]], items: list[Any]) -> None:
        start = int((query.get("$skiptoken") or ["0"])[0])
        end = len(items) if path in self.cloud.unpaged else start + self.cloud.page_size
        page: dict[str, Any] = {"value": items[start:end]}
        if end < len(items):
            params = {k: v[0] for k, v in query.items() if k != "$skiptoken"}
            params["$skiptoken"] = str(end)
            page["nextLink"] = f"{self.server.url}{path}?{urlencode(params)}"
        self._send(200, page)

    def _graph(self, request: Mapping[str, Any]) -> None:
        types = {t.lower() for t in _QUOTED_TYPE.findall(str(request.get("query", "")))}
        subscriptions = {s.lower() for s in request.get("subscriptions") or ()}
        with self.cloud._lock:
            rows = [
                row
                for row in self.cloud.graph_rows
                if str(row.get("type", "")).lower() in types
                and str(row.get("subscriptionId", "")).lower() in subscriptions
            ]
        options = request.get("options") or {}
        start = int(options.get("$skipToken") or 0)
        top = int(options.get("$top") or self.cloud.page_size)
        data = rows[start : start + top]
        reply: dict[str, Any] = {
            "totalRecords": len(rows),
            "count": len(data),
            "data": data,
            "facets": [],
            "resultTruncated": "false",
        }
        if start + top < len(rows):
            reply["$skipToken"] = str(start + top)
        self._send(200, reply)


def _aad_error(code: str, description: str) -> dict[str, Any]:
    return {"error": code, "error_description": description, "error_codes": [0]}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    cloud: AzureCloud
    url: str


class AzureCloudServer:
    """Runs an :class:`AzureCloud` on ``https://127.0.0.1:<free port>`` in a thread.

    Use as a context manager. :meth:`env` returns the environment that makes
    azure-identity's EnvironmentCredential and the SDK clients use this server.
    """

    def __init__(self, cloud: AzureCloud | None = None) -> None:
        self.cloud = cloud or AzureCloud()
        self._tmp: TemporaryDirectory[str] | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.url = ""
        self.ca_path = Path()

    def __enter__(self) -> AzureCloudServer:
        import trustme

        self._tmp = TemporaryDirectory(prefix="cspm-azure-")
        ca = trustme.CA()
        cert = ca.issue_cert("127.0.0.1", "localhost")
        self.ca_path = Path(self._tmp.name, "ca.pem")
        ca.cert_pem.write_to_path(str(self.ca_path))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(context)
        server = _Server(("127.0.0.1", 0), _Handler)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        server.cloud = self.cloud
        server.url = self.url = f"https://127.0.0.1:{server.server_address[1]}"
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._tmp is not None:
            self._tmp.cleanup()

    def env(self) -> dict[str, str]:
        """EnvironmentCredential's variables, the ARM endpoint and the CA to trust."""
        return {
            "AZURE_TENANT_ID": self.cloud.tenant_id,
            "AZURE_CLIENT_ID": self.cloud.client_id,
            "AZURE_CLIENT_SECRET": self.cloud.client_secret,
            "AZURE_AUTHORITY_HOST": self.url,
            "AZURE_RESOURCE_MANAGER_URL": self.url,
            "REQUESTS_CA_BUNDLE": str(self.ca_path),
        }

    def credential(self) -> Any:
        """A ClientSecretCredential for this server (azure-identity, imported lazily)."""
        from azure.identity import ClientSecretCredential

        return ClientSecretCredential(
            self.cloud.tenant_id,
            self.cloud.client_id,
            self.cloud.client_secret,
            authority=self.url,
            disable_instance_discovery=True,
            connection_verify=str(self.ca_path),
        )
