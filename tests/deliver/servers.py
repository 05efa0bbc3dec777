"""Local servers that speak each sink's protocol and record what they received.

- :class:`JiraServer`: Jira Cloud REST API v3, the calls the Jira sink makes: create an
  issue (ADF description required, as v3 requires), JQL search (``POST /search/jql``:
  only ids unless ``fields`` are asked for, pages joined by ``nextPageToken``), get an
  issue, comments (ADF), transitions (GET and POST), basic auth of email and API token,
  429 with Retry-After on demand, and an eventually consistent search index on demand.
- :class:`SlackServer`: an incoming webhook that enforces Block Kit's limits (50 blocks a
  message, 3,000 characters a section, 150 a header) and answers ``ok``.
- :class:`WebhookReceiver`: verifies X-Cspm-Signature (HMAC-SHA256 of the exact body).
- :class:`SmtpServer`: aiosmtpd's real SMTP server with STARTTLS (a trustme certificate)
  required before AUTH, and AUTH required before mail.

Each HTTP server can be stopped and started again on the same port, to play a sink that
is down and then back.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

# -- plumbing ---------------------------------------------------------------------------


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    status: int = 0

    def json(self) -> Any:
        return json.loads(self.body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    app: HttpApp


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read the recorded requests."""

    def _any(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        rec = Recorded(self.command, self.path, dict(self.headers.items()), body)
        app = self.server.app
        with app.lock:
            status, headers, payload = app.handle(rec)
            rec.status = status
            app.requests.append(rec)
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        content_type = "text/html" if isinstance(payload, bytes) else "application/json"
        self.send_header("Content-Type", headers.pop("Content-Type", content_type))
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _any  # noqa: N815 - http.server's names


class HttpApp:
    """A protocol on a local HTTP server: subclasses implement :meth:`handle`."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.requests: list[Recorded] = []
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def handle(self, rec: Recorded) -> tuple[int, dict[str, str], Any]:
        raise NotImplementedError

    def start(self) -> None:
        server = _Server(("127.0.0.1", self.port), _Handler)
        server.app = self
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)

    @contextmanager
    def down(self) -> Iterator[None]:
        """Not listening at all (connection refused) inside the block."""
        self.stop()
        try:
            yield
        finally:
            self.start()

    def __enter__(self) -> HttpApp:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# -- Jira --------------------------------------------------------------------------------

_STATUSES = {
    "To Do": {"id": "10000", "name": "To Do", "statusCategory": {"id": 2, "key": "new"}},
    "In Progress": {
        "id": "3",
        "name": "In Progress",
        "statusCategory": {"id": 4, "key": "indeterminate"},
    },
    "Done": {"id": "10001", "name": "Done", "statusCategory": {"id": 3, "key": "done"}},
}
_TRANSITIONS = {
    "To Do": [("21", "In Progress"), ("31", "Done")],
    "In Progress": [("11", "To Do"), ("31", "Done")],
    "Done": [("11", "To Do")],
}
_NOT_AUTHENTICATED = "You are not authenticated. Authentication required to perform this operation."
_REMOVED = "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API."
_NO_ISSUE = "Issue does not exist or you do not have permission to see it."
_INVALID_PAYLOAD = "Invalid request payload. Refer to the REST API documentation and try again."
_SEARCH_KEYS = {"jql", "fields", "maxResults", "nextPageToken", "expand", "properties",
                "fieldsByKeys", "failFast", "reconcileIssues"}  # fmt: skip
_INLINE_MARKS = {"strong", "em", "code", "strike", "underline", "link", "subsup", "textColor"}
_BLOCKS = {"paragraph", "heading", "bulletList", "orderedList", "codeBlock", "rule",
           "blockquote", "panel"}  # fmt: skip


def adf_errors(node: Any, where: str = "description") -> list[str]:
    """Why ``node`` is not an Atlassian Document Format document (empty when it is)."""
    if not isinstance(node, dict) or node.get("type") != "doc":
        return [f"{where}: Operation value must be an Atlassian Document (see the ADF format)"]
    errors = []
    if node.get("version") != 1:
        errors.append(f"{where}: doc.version must be 1")
    if set(node) - {"type", "version", "content"}:
        errors.append(
            f"{where}: unknown doc attributes {sorted(set(node) - {'type', 'version', 'content'})}"
        )
    content = node.get("content")
    if not isinstance(content, list):
        return [*errors, f"{where}: doc.content must be an array"]
    for i, block in enumerate(content):
        errors += _block_errors(block, f"{where}.content[{i}]")
    return errors


def _block_errors(node: Any, where: str) -> list[str]:
    if not isinstance(node, dict) or node.get("type") not in _BLOCKS | {"listItem"}:
        return [f"{where}: not a block node: {node!r:.80}"]
    kind = node["type"]
    content = node.get("content", [])
    if not isinstance(content, list):
        return [f"{where}: content must be an array"]
    if kind == "heading" and not (
        isinstance(node.get("attrs"), dict) and node["attrs"].get("level") in range(1, 7)
    ):
        return [f"{where}: heading needs attrs.level 1-6"]
    errors: list[str] = []
    if kind in ("bulletList", "orderedList"):
        if not content:
            errors.append(f"{where}: a list needs at least one listItem")
        for i, item in enumerate(content):
            if not isinstance(item, dict) or item.get("type") != "listItem":
                errors.append(f"{where}.content[{i}]: lists hold listItem nodes only")
            else:
                errors += _block_errors(item, f"{where}.content[{i}]")
        return errors
    if kind in ("listItem", "blockquote", "panel"):
        for i, child in enumerate(content):
            errors += _block_errors(child, f"{where}.content[{i}]")
        return errors
    for i, inline in enumerate(content):  # paragraph, heading, codeBlock
        errors += _inline_errors(inline, f"{where}.content[{i}]")
    return errors


def _inline_errors(node: Any, where: str) -> list[str]:
    if not isinstance(node, dict):
        return [f"{where}: not a node"]
    if node.get("type") == "hardBreak":
        return []
    if node.get("type") != "text":
        return [f"{where}: not an inline node: {node.get('type')!r}"]
    text = node.get("text")
    if not isinstance(text, str) or not text:
        return [f"{where}: text nodes need non-empty text"]
    errors = []
    for mark in node.get("marks", []):
        if not isinstance(mark, dict) or mark.get("type") not in _INLINE_MARKS:
            errors.append(f"{where}: unknown mark {mark!r}")
    if set(node) - {"type", "text", "marks"}:
        errors.append(f"{where}: unknown text attributes")
    return errors


@dataclass
class JiraIssue:
    id: int
    key: str
    fields: dict[str, Any]
    status: str = "To Do"
    comments: list[dict[str, Any]] = field(default_factory=list)
    indexed: bool = True


class JiraServer(HttpApp):
    """Jira Cloud REST v3, as far as the Jira sink uses it. ``issues`` by key."""

    def __init__(
        self,
        email: str,
        token: str,
        *,
        project: str = "SEC",
        issue_types: tuple[str, ...] = ("Bug", "Task"),
        priorities: tuple[str, ...] = ("Highest", "High", "Medium", "Low", "Lowest"),
        page_size: int = 50,
    ) -> None:
        super().__init__()
        self.auth = "Basic " + base64.b64encode(f"{email}:{token}".encode()).decode()
        self.project = project
        self.issue_types = issue_types
        self.priorities = priorities
        self.page_size = page_size
        self.issues: dict[str, JiraIssue] = {}
        self.index_lag = False
        """New issues stay out of search until :meth:`reindex` (eventual consistency)."""
        self._throttle = 0
        self._retry_after = "1"
        self._tokens: dict[str, tuple[list[str], int]] = {}

    # test controls
    def throttle(self, count: int, retry_after: str = "1") -> None:
        """Answer the next ``count`` requests with 429 and this Retry-After."""
        self._throttle, self._retry_after = count, retry_after

    def reindex(self) -> None:
        for issue in self.issues.values():
            issue.indexed = True

    def by_label(self, label: str) -> list[JiraIssue]:
        return [i for i in self.issues.values() if label in i.fields.get("labels", [])]

    def calls(self, method: str, pattern: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method and re.fullmatch(pattern, _path(r))]

    # protocol
    def handle(self, rec: Recorded) -> tuple[int, dict[str, str], Any]:
        if self._throttle > 0:
            self._throttle -= 1
            return (
                429,
                {"Retry-After": self._retry_after},
                {"errorMessages": ["Rate limit exceeded"]},
            )
        if rec.headers.get("Authorization") != self.auth:
            return 401, {"WWW-Authenticate": 'Basic realm="jira"'}, {
                "errorMessages": [_NOT_AUTHENTICATED]}  # fmt: skip
        path, query = _path(rec), parse_qs(urlsplit(rec.path).query)
        try:
            body = rec.json() if rec.body else None
        except ValueError:
            return 400, {}, {"errorMessages": ["Unexpected character in the request body"]}
        if rec.method == "POST" and path == "/rest/api/3/issue":
            return self._create(body)
        if rec.method == "POST" and path == "/rest/api/3/search/jql":
            return self._search(body)
        if rec.method == "GET" and path == "/rest/api/3/search":
            return 410, {}, {"errorMessages": [_REMOVED]}
        m = re.fullmatch(r"/rest/api/3/issue/([A-Z][A-Z0-9_]*-\d+)(/comment|/transitions)?", path)
        if m is None:
            return 404, {}, {"errorMessages": [f"no such resource {path}"]}
        issue = self.issues.get(m.group(1))
        if issue is None:
            return 404, {}, {"errorMessages": [_NO_ISSUE]}
        sub = m.group(2)
        if sub is None and rec.method == "GET":
            wanted = query.get("fields", ["*all"])[0].split(",")
            return 200, {}, self._issue_json(issue, wanted)
        if sub == "/comment" and rec.method == "POST":
            errors = adf_errors((body or {}).get("body"), "body")
            if errors:
                return 400, {}, {"errorMessages": [], "errors": {"comment": "; ".join(errors)}}
            comment = {"id": str(10000 + len(issue.comments)), "body": body["body"]}  # type: ignore[index]
            issue.comments.append(comment)
            return 201, {}, comment
        if sub == "/transitions" and rec.method == "GET":
            return 200, {}, {"expand": "transitions", "transitions": [
                {"id": tid, "name": name, "to": _STATUSES[name], "hasScreen": False,
                 "isAvailable": True} for tid, name in _TRANSITIONS[issue.status]]}  # fmt: skip
        if sub == "/transitions" and rec.method == "POST":
            tid = str(((body or {}).get("transition") or {}).get("id", ""))
            target = dict(_TRANSITIONS[issue.status]).get(tid)
            if target is None:
                message = f"Transition id '{tid}' is not valid for this issue."
                return 400, {}, {"errorMessages": [message]}
            update = (body or {}).get("update", {})
            for op in update.get("comment", []):
                errors = adf_errors(op.get("add", {}).get("body"), "comment")
                if errors:
                    return 400, {}, {"errorMessages": errors}
                issue.comments.append(
                    {"id": str(10000 + len(issue.comments)), "body": op["add"]["body"]}
                )
            issue.status = target
            return 204, {}, b""
        return 405, {}, {"errorMessages": ["Method not allowed"]}

    def _create(self, body: Any) -> tuple[int, dict[str, str], Any]:
        fields = (body or {}).get("fields")
        if not isinstance(fields, dict):
            return 400, {}, {"errorMessages": ["fields is required"], "errors": {}}
        errors: dict[str, str] = {}
        if (fields.get("project") or {}).get("key") != self.project:
            errors["project"] = "valid project is required"
        if (fields.get("issuetype") or {}).get("name") not in self.issue_types:
            errors["issuetype"] = "valid issue type is required"
        summary = fields.get("summary")
        if not isinstance(summary, str) or not summary.strip():
            errors["summary"] = "You must specify a summary of the issue."
        elif len(summary) > 255:
            errors["summary"] = "Summary must be less than 255 characters."
        elif "\n" in summary or "\r" in summary:
            errors["summary"] = "The summary is invalid because it contains newline characters."
        adf = adf_errors(fields.get("description"))
        if "description" in fields and adf:
            errors["description"] = "; ".join(adf)
        labels = fields.get("labels", [])
        if not isinstance(labels, list) or any(
            not isinstance(x, str) or not x or " " in x or len(x) > 255 for x in labels
        ):
            errors["labels"] = "The label can't contain spaces."
        if "priority" in fields and (fields["priority"] or {}).get("name") not in self.priorities:
            errors["priority"] = "The priority selected is invalid."
        unknown = set(fields) - {"project", "issuetype", "summary", "description", "labels",
                                 "priority"}  # fmt: skip
        for name in unknown:
            errors[name] = (
                f"Field '{name}' cannot be set. It is not on the appropriate screen, or unknown."
            )
        if errors:
            return 400, {}, {"errorMessages": [], "errors": errors}
        number = len(self.issues) + 1
        key = f"{self.project}-{number}"
        issue = JiraIssue(10000 + number, key, fields, indexed=not self.index_lag)
        self.issues[key] = issue
        return (
            201,
            {},
            {"id": str(issue.id), "key": key, "self": f"{self.url}/rest/api/3/issue/{issue.id}"},
        )

    def _search(self, body: Any) -> tuple[int, dict[str, str], Any]:
        if not isinstance(body, dict) or not isinstance(body.get("jql"), str):
            return 400, {}, {"errorMessages": [_INVALID_PAYLOAD]}
        unknown = set(body) - _SEARCH_KEYS
        if unknown or "startAt" in body:
            return 400, {}, {"errorMessages": [_INVALID_PAYLOAD]}
        token = body.get("nextPageToken")
        if token:
            if token not in self._tokens:
                return (
                    400,
                    {},
                    {"errorMessages": ["The provided next page token is invalid or expired."]},
                )
            keys, start = self._tokens.pop(token)
        else:
            try:
                keys = self._run_jql(body["jql"])
            except ValueError as exc:
                return 400, {}, {"errorMessages": [str(exc)]}
            start = 0
        size = min(int(body.get("maxResults", 50)), self.page_size)
        page = keys[start : start + size]
        wanted = body.get("fields") or []
        out: dict[str, Any] = {
            "issues": [
                self._issue_json(self.issues[k], wanted)
                if wanted
                else {"id": str(self.issues[k].id)}
                for k in page
            ],
            "isLast": start + size >= len(keys),
        }
        if start + size < len(keys):
            next_token = f"tok-{len(self.requests)}-{start + size}"
            self._tokens[next_token] = (keys, start + size)
            out["nextPageToken"] = next_token
        return 200, {}, out

    def _run_jql(self, jql: str) -> list[str]:
        """``project = "X"``, ``labels = "l"`` and ``labels in ("a", "b")`` joined by
        AND, then an optional ORDER BY (ignored: results come oldest first)."""
        text = re.split(r"\s+ORDER\s+BY\s+", jql, flags=re.IGNORECASE)[0]
        keep = [i for i in self.issues.values() if i.indexed]
        for clause in re.split(r"\s+AND\s+", text.strip(), flags=re.IGNORECASE):
            m = re.fullmatch(r"(project|labels)\s*(=|in)\s*(.+)", clause.strip(), re.IGNORECASE)
            if m is None:
                raise ValueError(f"Error in the JQL Query: cannot parse {clause!r}")
            name, op, value = m.group(1).lower(), m.group(2).lower(), m.group(3).strip()
            values = (
                re.findall(r'"([^"]*)"|([^\s,()]+)', value.strip("()"))
                if op == "in"
                else [(value.strip('"'), "")]
            )
            wanted = {a or b for a, b in values}
            if name == "project":
                keep = [i for i in keep if i.fields["project"]["key"] in wanted]
            else:
                keep = [i for i in keep if wanted & set(i.fields.get("labels", []))]
        return [i.key for i in keep]

    def _issue_json(self, issue: JiraIssue, wanted: list[str]) -> dict[str, Any]:
        comments = {"comments": issue.comments, "total": len(issue.comments)}
        fields = {**issue.fields, "status": _STATUSES[issue.status], "comment": comments}
        if "*all" not in wanted:
            fields = {k: v for k, v in fields.items() if k in wanted}
        link = f"{self.url}/rest/api/3/issue/{issue.id}"
        return {"id": str(issue.id), "key": issue.key, "self": link, "fields": fields}


def _path(rec: Recorded) -> str:
    return urlsplit(rec.path).path


# -- Slack ---------------------------------------------------------------------------------


class SlackServer(HttpApp):
    """An incoming webhook at ``/services/T.../B.../<secret>``: ``url`` is the secret."""

    HOOK = "/services/T0CSPM0001/B0CSPM0002/"

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret_path = self.HOOK + secret
        self.messages: list[dict[str, Any]] = []

    @property
    def webhook_url(self) -> str:
        return self.url + self.secret_path

    def handle(self, rec: Recorded) -> tuple[int, dict[str, str], Any]:
        if rec.method != "POST":
            return 405, {}, b"invalid_method"
        if _path(rec) != self.secret_path:
            return 404, {}, b"no_service"
        try:
            message = rec.json()
        except ValueError:
            return 400, {}, b"invalid_payload"
        if not isinstance(message, dict) or not (message.get("text") or message.get("blocks")):
            return 400, {}, b"no_text"
        blocks = message.get("blocks", [])
        if not isinstance(blocks, list) or len(blocks) > 50:
            return 400, {}, b"invalid_blocks"
        for block in blocks:
            if not _block_ok(block):
                return 400, {}, b"invalid_blocks"
        self.messages.append(message)
        return 200, {}, b"ok"


def _block_ok(block: Any) -> bool:
    if not isinstance(block, dict):
        return False
    kind = block.get("type")
    if kind == "header":
        text = block.get("text") or {}
        return text.get("type") == "plain_text" and 0 < len(text.get("text", "")) <= 150
    if kind == "section":
        text = block.get("text") or {}
        return (
            text.get("type") in ("mrkdwn", "plain_text") and 0 < len(text.get("text", "")) <= 3000
        )
    if kind == "context":
        elements = block.get("elements") or []
        return 0 < len(elements) <= 10 and all(
            e.get("type") in ("mrkdwn", "plain_text") and 0 < len(e.get("text", "")) <= 3000
            for e in elements
        )
    return kind == "divider"


# -- webhook ---------------------------------------------------------------------------------


class WebhookReceiver(HttpApp):
    """Accepts a delivery when X-Cspm-Signature is the HMAC-SHA256 of the body; keeps
    the first delivery of each X-Cspm-Delivery id and counts duplicates."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret.encode()
        self.deliveries: dict[str, dict[str, Any]] = {}
        self.duplicates = 0
        self.rejected = 0

    def handle(self, rec: Recorded) -> tuple[int, dict[str, str], Any]:
        expected = "sha256=" + hmac.new(self.secret, rec.body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(rec.headers.get("X-Cspm-Signature", ""), expected):
            self.rejected += 1
            return 401, {}, {"error": "bad signature"}
        delivery = rec.headers.get("X-Cspm-Delivery", "")
        if delivery in self.deliveries:
            self.duplicates += 1
        else:
            self.deliveries[delivery] = json.loads(rec.body)
        return 202, {}, {"accepted": delivery}


# -- SMTP ------------------------------------------------------------------------------------


@dataclass
class Mail:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    tls: bool
    authenticated: bool


class SmtpServer:
    """aiosmtpd on 127.0.0.1 with STARTTLS required (trustme certificate, ``ca_path``
    to trust) and AUTH (``user``/``password``) required before MAIL."""

    def __init__(self, directory: Path, user: str, password: str) -> None:
        import trustme

        ca = trustme.CA()
        cert = ca.issue_cert("127.0.0.1", "localhost")
        self.ca_path = directory / "smtp-ca.pem"
        ca.cert_pem.write_to_path(str(self.ca_path))
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(self.context)
        self.user, self.password = user.encode(), password.encode()
        self.mails: list[Mail] = []
        self.port = 0
        self._controller: Any = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        server = self

        class Handler:
            async def handle_DATA(self, srv: Any, session: Any, envelope: Any) -> str:  # noqa: N802
                server.mails.append(
                    Mail(envelope.mail_from, list(envelope.rcpt_tos), envelope.content,
                         tls=session.ssl is not None, authenticated=bool(session.authenticated))
                )  # fmt: skip
                return "250 Message accepted for delivery"

        def authenticator(srv: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
            ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
                self.user,
                self.password,
            )
            return AuthResult(success=ok, handled=False)

        if self.port == 0:
            import socket

            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                self.port = s.getsockname()[1]
        self._controller = Controller(
            Handler(), hostname="127.0.0.1", port=self.port, tls_context=self.context,
            require_starttls=True, auth_required=True, authenticator=authenticator,
        )  # fmt: skip
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @contextmanager
    def down(self) -> Iterator[None]:
        self.stop()
        try:
            yield
        finally:
            self.start()

    def __enter__(self) -> SmtpServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
