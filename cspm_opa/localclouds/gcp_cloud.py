"""A local fake of the GCP APIs the collector reads, speaking their real wire format.

:class:`FakeGcp` is an HTTP server on 127.0.0.1 (a free port, its own thread) serving:

- Cloud Asset API v1 ``GET /v1/{parent}/assets`` for ``projects/*``, ``folders/*`` and
  ``organizations/*`` parents, with ``assetTypes``, ``contentType`` (RESOURCE or
  IAM_POLICY, by name or number), ``pageSize``/``pageToken`` and ``nextPageToken``;
- Resource Manager v3 ``GET /v3/projects/{id}``, ``/v3/projects``, ``/v3/projects:search``
  and ``/v3/folders``;
- Access Approval v1 ``GET /v1/projects/{id}/accessApprovalSettings`` (settings planted
  with :meth:`FakeGcp.set_access_approval`, else 404 NOT_FOUND; faults with
  ``api="accessapproval"``);
- the Cloud Storage and Compute Engine writes remediation makes (bucket and firewall
  ``GET``/``PATCH``, see :mod:`cspm_opa.localclouds.gcp_writes`), reflected in the assets;
- an OAuth 2.0 token endpoint (``POST /token``) for the JWT-bearer grant that google-auth
  service-account credentials use. It checks the assertion's RS256 signature against the
  keys :meth:`FakeGcp.write_key_file` generated, and the API routes then require one of
  the tokens it issued (unless the server was started with ``require_auth=False``).

Errors use Google's JSON error shape, so google-api-core raises the same exception
classes it raises against Google. :meth:`FakeGcp.fail` plants 429 (with Retry-After),
403 or any other status for chosen requests. :mod:`cspm_opa.localclouds.gcp_demo` starts
one seeded with the deliberately misconfigured demo estate of
:mod:`cspm_opa.localclouds.gcp_seed`.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from cspm_opa.localclouds.gcp_fake_auth import ApiError, TokenIssuer
from cspm_opa.localclouds.gcp_writes import Writes

__all__ = ["FakeGcp", "Fault", "RecordedRequest"]

CONTENT_TYPES = {
    "0": "CONTENT_TYPE_UNSPECIFIED",
    "1": "RESOURCE",
    "2": "IAM_POLICY",
    "4": "ORG_POLICY",
    "5": "ACCESS_POLICY",
    "6": "OS_INVENTORY",
    "7": "RELATIONSHIP",
}
STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}
DEFAULT_PAGE_SIZE = 100


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake answered."""

    method: str
    path: str
    query: Mapping[str, Sequence[str]]
    authorization: str | None
    status: int


@dataclass
class Fault:
    """An error to answer instead of the real response, for requests that match.

    ``api`` is "assets", "projects", "folders", "accessapproval" or "token";
    ``parent``, ``asset_type`` and ``content_type`` narrow asset listings. ``times`` None
    means every time.
    """

    status: int
    api: str | None = None
    parent: str | None = None
    asset_type: str | None = None
    content_type: str | None = None
    times: int | None = 1
    retry_after: str | None = None
    message: str = ""
    hits: int = 0

    def matches(self, api: str, parent: str | None, types: Sequence[str], content: str) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        return (
            (self.api is None or self.api == api)
            and (self.parent is None or self.parent == parent)
            and (self.asset_type is None or self.asset_type in types)
            and (self.content_type is None or self.content_type == content)
        )


@dataclass
class _State:
    projects: dict[str, dict[str, Any]] = field(default_factory=dict)
    folders: dict[str, dict[str, Any]] = field(default_factory=dict)
    assets: list[dict[str, Any]] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list)
    access_approval: dict[str, dict[str, Any]] = field(default_factory=dict)


class FakeGcp:
    """The fake server. Use as a context manager, or call :meth:`start` and :meth:`close`."""

    def __init__(self, *, require_auth: bool = True, max_page_size: int = 1000):
        self.require_auth = require_auth
        self.max_page_size = max_page_size
        self._state = _State()
        self._issuer = TokenIssuer()
        self._lock = threading.Lock()
        self._writes = Writes(self._state.assets, self._lock)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> FakeGcp:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="fake-gcp", daemon=True
        )
        self._thread.start()
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeGcp:
        return self.start() if self._server is None else self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def endpoint(self) -> str:
        """The base URL: the collector's ``endpoint`` and the clients' api_endpoint."""
        if self._server is None:
            raise RuntimeError("FakeGcp is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def token_uri(self) -> str:
        return f"{self.endpoint}/token"

    # --- seeding --------------------------------------------------------------------------

    def add_folder(self, folder_id: str, parent: str, display_name: str = "") -> None:
        with self._lock:
            self._state.folders[f"folders/{folder_id}"] = {
                "name": f"folders/{folder_id}",
                "parent": parent,
                "displayName": display_name or folder_id,
                "state": "ACTIVE",
            }

    def add_project(
        self,
        project_id: str,
        number: str,
        *,
        parent: str | None = None,
        display_name: str = "",
        labels: Mapping[str, str] | None = None,
        state: str = "ACTIVE",
    ) -> dict[str, Any]:
        """Register a project with Resource Manager (its assets are added separately)."""
        project: dict[str, Any] = {
            "name": f"projects/{number}",
            "projectId": project_id,
            "state": state,
            "displayName": display_name or project_id,
            "createTime": "2024-01-15T09:00:00Z",
        }
        if parent:
            project["parent"] = parent
        if labels:
            project["labels"] = dict(labels)
        with self._lock:
            self._state.projects[project_id] = project
        return project

    def add_assets(self, assets: Sequence[Mapping[str, Any]]) -> None:
        """Assets in REST JSON form, each with its ``ancestors``; an asset with both
        ``resource`` and ``iamPolicy`` answers both content types."""
        with self._lock:
            self._state.assets.extend(json.loads(json.dumps(list(assets))))

    def set_access_approval(
        self,
        project_id: str,
        *,
        services: Sequence[str] = ("all",),
        ancestor: bool = False,
        transparency: bool = True,
    ) -> dict[str, Any]:
        """Serve Access Approval settings for a project: ``services`` enrolled (none for
        settings that exist but enroll nothing), ``enrolledAncestor`` as given; with
        ``transparency=False`` the project answers 400 FAILED_PRECONDITION (Access
        Transparency, the prerequisite, is off). A project without settings answers 404
        NOT_FOUND, as the API does."""
        if not transparency:
            with self._lock:
                self._state.access_approval[project_id] = {}
            return {}
        settings: dict[str, Any] = {
            "name": f"projects/{project_id}/accessApprovalSettings",
            "notificationEmails": ["approvers@example.com"],
            "enrolledServices": [
                {"cloudProduct": s, "enrollmentLevel": "BLOCK_ALL"} for s in services
            ],
            "enrolledAncestor": ancestor,
        }
        if not services:
            del settings["enrolledServices"]
        with self._lock:
            self._state.access_approval[project_id] = settings
        return settings

    def ancestry(self, project_id: str) -> list[str]:
        """``projects/<n>`` and every folder and organization above it."""
        with self._lock:
            project = self._state.projects[project_id]
            chain = [str(project["name"])]
            parent = project.get("parent")
            while parent:
                chain.append(parent)
                parent = self._state.folders.get(parent, {}).get("parent")
        return chain

    def fail(self, status: int, **match: Any) -> Fault:
        """Answer matching requests with ``status`` (see :class:`Fault` for ``match``)."""
        fault = Fault(status=status, **match)
        with self._lock:
            self._state.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self._lock:
            self._state.faults.clear()

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._state.requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._state.requests.clear()

    # --- credentials ----------------------------------------------------------------------

    def write_key_file(
        self,
        path: str | Path,
        *,
        client_email: str = "cspm-scanner@cspm-tools.iam.gserviceaccount.com",
        project_id: str = "cspm-tools",
    ) -> Path:
        """Write a service-account key file (a fresh RSA key) whose token_uri is this
        server, and trust its public key for the JWT-bearer grant."""
        return self._issuer.write_key_file(
            path, token_uri=self.token_uri, client_email=client_email, project_id=project_id
        )

    # --- request handling -----------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._state.requests.append(request)

    def _fault(self, api: str, parent: str | None, types: Sequence[str], content: str) -> None:
        with self._lock:
            for fault in self._state.faults:
                if fault.matches(api, parent, types, content):
                    fault.hits += 1
                    headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                    raise ApiError(fault.status, fault.message or _default_message(fault), headers)

    def _authorize(self, header: str | None) -> None:
        if not self.require_auth:
            return
        token = (header or "").removeprefix("Bearer ").strip()
        if not self._issuer.knows(token):
            raise ApiError(401, "Request had invalid authentication credentials.")

    def handle_get(self, path: str, query: Mapping[str, Sequence[str]], auth: str | None) -> Any:
        if path.startswith("/v1/") and path.endswith("/assets"):
            parent = unquote(path[len("/v1/") : -len("/assets")])
            types = list(query.get("assetTypes", []))
            content = _content_type(query)
            self._fault("assets", parent, types, content)
            self._authorize(auth)
            return self._list_assets(parent, types, content, query)
        if path == "/v3/projects:search":
            self._fault("projects", None, (), "")
            self._authorize(auth)
            return self._page(self._search(_first(query, "query")), "projects", query)
        if path == "/v3/projects":
            self._fault("projects", _first(query, "parent"), (), "")
            self._authorize(auth)
            parent = _first(query, "parent")
            return self._page(
                [p for p in self._all_projects() if p.get("parent") == parent], "projects", query
            )
        if path.startswith("/v3/projects/"):
            self._fault("projects", None, (), "")
            self._authorize(auth)
            return self._get_project(unquote(path[len("/v3/projects/") :]))
        if path.startswith("/v1/projects/") and path.endswith("/accessApprovalSettings"):
            key = unquote(path[len("/v1/projects/") : -len("/accessApprovalSettings")])
            self._fault("accessapproval", f"projects/{key}", (), "")
            self._authorize(auth)
            return self._access_approval(key)
        if path == "/v3/folders":
            parent = _first(query, "parent")
            self._fault("folders", parent, (), "")
            self._authorize(auth)
            with self._lock:
                folders = [f for f in self._state.folders.values() if f["parent"] == parent]
            return self._page(sorted(folders, key=lambda f: f["name"]), "folders", query)
        if Writes.serves(path):
            self._fault(path.split("/")[1], None, (), "")
            self._authorize(auth)
            return self._writes.get(path)
        raise ApiError(404, f"no route for GET {path}")

    def handle_patch(self, path: str, body: Any, auth: str | None) -> Any:
        """The Storage and Compute writes of :mod:`cspm_opa.localclouds.gcp_writes`
        (faults with ``api="storage"`` or ``api="compute"``)."""
        if not Writes.serves(path):
            raise ApiError(404, f"no route for PATCH {path}")
        self._fault(path.split("/")[1], None, (), "")
        self._authorize(auth)
        return self._writes.patch(path, body)

    def handle_post(self, path: str, form: Mapping[str, Sequence[str]]) -> Any:
        if path == "/token":
            self._fault("token", None, (), "")
            return self._issuer.issue(form, self.token_uri)
        raise ApiError(404, f"no route for POST {path}")

    def _access_approval(self, key: str) -> dict[str, Any]:
        """Settings by project id or number; 404 NOT_FOUND when the project has none."""
        project = self._get_project(key)
        with self._lock:
            found = self._state.access_approval.get(str(project["projectId"]))
        if found is None:
            raise ApiError(404, "Requested entity was not found.")
        if not found:
            raise ApiError(
                400,
                "Access Transparency must be enabled for the organization before Access "
                "Approval can be used.",
                status_name="FAILED_PRECONDITION",
            )
        copied: dict[str, Any] = json.loads(json.dumps(found))
        return copied

    def _all_projects(self) -> list[dict[str, Any]]:
        with self._lock:
            return sorted(self._state.projects.values(), key=lambda p: p["projectId"])

    def _get_project(self, key: str) -> dict[str, Any]:
        for project in self._all_projects():
            if key in (project["projectId"], project["name"].split("/")[-1]):
                return project
        raise ApiError(
            403, f"The caller does not have permission on project {key}, or it does not exist."
        )

    def _search(self, query: str) -> list[dict[str, Any]]:
        terms = dict(t.split(":", 1) for t in query.split() if ":" in t)
        found = []
        for project in self._all_projects():
            if "parent" in terms and project.get("parent") != terms["parent"]:
                continue
            if "id" in terms and project["projectId"] != terms["id"]:
                continue
            if "state" in terms and project["state"] != terms["state"]:
                continue
            found.append(project)
        return found

    def _scope_number(self, parent: str) -> str:
        """``projects/<id or number>`` -> ``projects/<number>``; other parents unchanged."""
        if not parent.startswith("projects/"):
            return parent
        return str(self._get_project(parent.split("/", 1)[1])["name"])

    def _list_assets(
        self, parent: str, types: Sequence[str], content: str, query: Mapping[str, Sequence[str]]
    ) -> dict[str, Any]:
        if not parent.startswith(("projects/", "folders/", "organizations/")):
            raise ApiError(400, f"Invalid parent {parent!r}")
        scope = self._scope_number(parent)
        with self._lock:
            assets = list(self._state.assets)
        selected = []
        for asset in assets:
            if scope not in asset.get("ancestors", ()):
                continue
            if types and asset["assetType"] not in types:
                continue
            shaped = _shape(asset, content)
            if shaped is not None:
                selected.append(shaped)
        selected.sort(key=lambda a: (a["assetType"], a["name"]))
        page = self._page(selected, "assets", query)
        page["readTime"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        return page

    def _page(
        self, items: Sequence[Any], key: str, query: Mapping[str, Sequence[str]]
    ) -> dict[str, Any]:
        size = int(_first(query, "pageSize") or DEFAULT_PAGE_SIZE) or DEFAULT_PAGE_SIZE
        size = min(size, self.max_page_size)
        token = _first(query, "pageToken")
        try:
            start = int(base64.urlsafe_b64decode(token.encode()).decode()) if token else 0
        except ValueError as exc:
            raise ApiError(400, "Invalid page token") from exc
        out: dict[str, Any] = {key: list(items[start : start + size])}
        if start + size < len(items):
            out["nextPageToken"] = base64.urlsafe_b64encode(str(start + size).encode()).decode()
        return out


def _shape(asset: Mapping[str, Any], content: str) -> dict[str, Any] | None:
    """The asset as ListAssets returns it for one content type, or None if it has no
    content of that type."""
    base = {
        "name": asset["name"],
        "assetType": asset["assetType"],
        "ancestors": list(asset.get("ancestors", ())),
        "updateTime": asset.get("updateTime", "2026-01-01T00:00:00Z"),
    }
    if content == "RESOURCE":
        if "resource" not in asset:
            return None
        return {**base, "resource": asset["resource"]}
    if content == "IAM_POLICY":
        if "iamPolicy" not in asset:
            return None
        return {**base, "iamPolicy": asset["iamPolicy"]}
    if content == "CONTENT_TYPE_UNSPECIFIED":
        return base
    return None


def _content_type(query: Mapping[str, Sequence[str]]) -> str:
    value = _first(query, "contentType") or "0"
    return CONTENT_TYPES.get(value, value)


def _first(query: Mapping[str, Sequence[str]], key: str) -> str:
    values = query.get(key) or [""]
    return values[0]


def _default_message(fault: Fault) -> str:
    if fault.status == 403:
        return "The caller does not have permission"
    if fault.status == 429:
        return (
            "Quota exceeded for quota metric 'List Assets requests' "
            "of service 'cloudasset.googleapis.com'."
        )
    return STATUS_NAMES.get(fault.status, "error")


class _Handler(BaseHTTPRequestHandler):
    fake: FakeGcp
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read :attr:`FakeGcp.requests` instead."""

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query, keep_blank_values=True)
        auth = self.headers.get("Authorization")
        self._respond(url.path, query, auth, lambda: self.fake.handle_get(url.path, query, auth))

    def do_PATCH(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        auth = self.headers.get("Authorization")

        def answer() -> Any:
            try:
                body = json.loads(raw or b"null")
            except ValueError as exc:
                raise ApiError(400, f"Invalid JSON payload received: {exc}") from exc
            return self.fake.handle_patch(url.path, body, auth)

        self._respond(url.path, {}, auth, answer)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
        self._respond(url.path, {}, None, lambda: self.fake.handle_post(url.path, form))

    def _respond(
        self, path: str, query: Mapping[str, Sequence[str]], auth: str | None, answer: Any
    ) -> None:
        headers: dict[str, str] = {}
        try:
            status, body = 200, answer()
        except ApiError as err:
            status, headers = err.status, err.headers
            name = err.status_name or STATUS_NAMES.get(err.status, "UNKNOWN")
            body = {"error": {"code": err.status, "message": err.message, "status": name}}
        self.fake._record(RecordedRequest(self.command, path, query, auth, status))
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(payload)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(payload)
