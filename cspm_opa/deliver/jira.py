"""The Jira sink: one issue per finding, over Jira Cloud REST API v3 (basic auth of an
account email and an API token).

Each issue is labelled ``cspm-<finding uid>``. Before creating one, the sink looks for it:
first the key the store remembers for the uid (when there is a store: Jira's search index
is eventually consistent, so an issue created a moment ago may not be found yet), then a
JQL search by label (``POST /rest/api/3/search/jql``, asking for the fields it reads and
following ``nextPageToken``). So a second scan creates no duplicate, with or without a
store.

- new: create the issue (``POST /rest/api/3/issue``), unless it exists; one that is done
  is reopened, as for a regression.
- regressed: a comment, and the reopen transition when the issue is done.
- resolved: a comment and the done transition, unless it is done already.

Descriptions and comments are Atlassian Document Format. Transitions are found by name
(case-insensitive) with ``GET`` and made with ``POST /rest/api/3/issue/{key}/transitions``.
429 answers are retried after their Retry-After.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import httpx

from cspm_opa.deliver._base import SendContext
from cspm_opa.deliver.retry import DeliveryError, http_request
from cspm_opa.deliver.routes import Alert

__all__ = ["MAX_SUMMARY", "build", "description", "label", "send", "summary"]

MAX_SUMMARY = 255
_SEARCH_FIELDS = ["status", "labels", "summary"]
_PAGE = 100


def label(uid: str) -> str:
    return f"cspm-{uid}"


def build(alert: Alert) -> dict[str, Any]:
    """The spooled payload: the event and the finding (Jira gets one issue per finding)."""
    return {"event": alert.event, "finding": dict(alert.finding)}


def summary(finding: Mapping[str, Any]) -> str:
    """``[HIGH] AWS-S3-001 acme-logs (123456789012): title``, at most 255 characters."""
    res = finding["resource"]
    name = res.get("name") or res["id"]
    text = f"[{finding['severity']}] {finding['policy_id']} {name} ({res['account']}): "
    text += finding["title"]
    text = " ".join(text.split())  # Jira refuses line breaks in a summary
    return text if len(text) <= MAX_SUMMARY else text[: MAX_SUMMARY - 1] + "\u2026"


def description(finding: Mapping[str, Any]) -> dict[str, Any]:
    """The issue's description as an ADF document."""
    res = finding["resource"]
    priority = finding.get("priority")
    controls = ", ".join(f"{c['framework']} {c['control']}" for c in finding.get("compliance", ()))
    facts = [
        ("Severity", str(finding["severity"])),
        ("Priority", f"{priority['level']} (score {priority['score']})" if priority else "none"),
        ("Resource", str(res["id"])),
        ("Type", str(res["type"])),
        ("Account", f"{res['provider']} {res['account']}"),
        ("Region", str(res.get("region") or "global")),
        ("Policy", str(finding["policy_id"])),
        ("Compliance", controls or "none"),
        ("Finding uid", str(finding["uid"])),
    ]
    return _doc(
        _paragraph(_text(str(finding["title"]), "strong")),
        _paragraph(_text(str(finding["message"]) or "(no message)")),
        {
            "type": "bulletList",
            "content": [
                {
                    "type": "listItem",
                    "content": [_paragraph(_text(f"{name}: ", "strong"), _text(value, "code"))],
                }
                for name, value in facts
            ],
        },
        {"type": "heading", "attrs": {"level": 3}, "content": [_text("Remediation")]},
        _paragraph(_text(str(finding["remediation"]) or "(none given)")),
    )


def send(ctx: SendContext, payload: Mapping[str, Any]) -> str:
    finding = payload["finding"]
    event = payload["event"]
    uid = str(finding["uid"])
    jira = _Jira(ctx)
    with jira:
        issue = jira.find(uid)
        if issue is None:
            if event == "resolved":
                return f"{uid}: resolved, no issue to close"
            key = jira.create(finding)
            return f"created {key}"
        key, done = issue
        if event == "resolved":
            if done:
                return f"{key} already done"
            status = finding["status"]
            jira.comment(key, f"Resolved: the scan of {_when(finding)} found it {status}.")
            name = jira.transition(key, str(ctx.sink.options.get("done_transition", "Done")))
            return f"commented on {key} and moved it with {name!r}"
        if not done:
            if event == "regressed":
                jira.comment(key, f"Failing again in the scan of {_when(finding)}.")
                return f"commented on {key}"
            return f"{key} already open"
        jira.comment(key, f"Failing again in the scan of {_when(finding)}: {finding['message']}")
        name = jira.transition(key, str(ctx.sink.options.get("reopen_transition", "To Do")))
        return f"reopened {key} with {name!r}"


def _when(finding: Mapping[str, Any]) -> str:
    return str(finding.get("last_seen") or "this run")


class _Jira:
    def __init__(self, ctx: SendContext) -> None:
        self.ctx = ctx
        self.base = str(ctx.sink.options["url"]).rstrip("/")
        self.project = str(ctx.sink.options["project"])
        self.what = f"jira {ctx.sink.name}"
        auth = httpx.BasicAuth(ctx.secret("email_env"), ctx.secret("token_env"))
        self.client = ctx.client(auth=auth, headers={"Accept": "application/json"})

    def __enter__(self) -> _Jira:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return http_request(
            self.client, method, f"{self.base}{path}", self.ctx.policy, what=self.what, **kwargs
        )

    def find(self, uid: str) -> tuple[str, bool] | None:
        """(key, done) of the finding's issue, or None."""
        store = self.ctx.store
        known = store.ticket(self.ctx.sink.name, uid) if store is not None else None
        if known is not None:
            response = self._call(
                "GET", f"/rest/api/3/issue/{known}", params={"fields": "status,labels"},
                ok=(200, 404),
            )  # fmt: skip
            if response.status_code == 200:
                return known, _done(response.json())
        issues = list(self.search(f'project = "{self.project}" AND labels = "{label(uid)}"'))
        if not issues:
            return None
        oldest = min(issues, key=lambda i: int(i.get("id", 0)))
        key = str(oldest["key"])
        if store is not None and key != known:
            store.save_ticket(self.ctx.sink.name, uid, key)
        return key, _done(oldest)

    def search(self, jql: str) -> Iterable[dict[str, Any]]:
        token: str | None = None
        while True:
            body: dict[str, Any] = {"jql": jql, "fields": _SEARCH_FIELDS, "maxResults": _PAGE}
            if token:
                body["nextPageToken"] = token
            page = self._call("POST", "/rest/api/3/search/jql", json=body, ok=(200,)).json()
            yield from page.get("issues", [])
            token = page.get("nextPageToken")
            if not token or page.get("isLast") is True:
                return

    def create(self, finding: Mapping[str, Any]) -> str:
        options = self.ctx.sink.options
        fields: dict[str, Any] = {
            "project": {"key": self.project},
            "issuetype": {"name": str(options.get("issue_type", "Bug"))},
            "summary": summary(finding),
            "description": description(finding),
            "labels": [label(str(finding["uid"])), "cspm-opa", *options.get("labels", ())],
        }
        priority_map = options.get("priority_map")
        if priority_map:
            level = (finding.get("priority") or {}).get("level") or finding["severity"]
            if level in priority_map:
                fields["priority"] = {"name": str(priority_map[level])}
        created = self._call("POST", "/rest/api/3/issue", json={"fields": fields}, ok=(201,))
        key = str(created.json()["key"])
        if self.ctx.store is not None:
            self.ctx.store.save_ticket(self.ctx.sink.name, str(finding["uid"]), key)
        return key

    def comment(self, key: str, text: str) -> None:
        body = {"body": _doc(_paragraph(_text(text)))}
        self._call("POST", f"/rest/api/3/issue/{key}/comment", json=body, ok=(201,))

    def transition(self, key: str, wanted: str) -> str:
        listing = self._call("GET", f"/rest/api/3/issue/{key}/transitions", ok=(200,)).json()
        transitions = listing.get("transitions", [])
        for t in transitions:
            if str(t.get("name", "")).casefold() == wanted.casefold():
                body = {"transition": {"id": str(t["id"])}}
                self._call("POST", f"/rest/api/3/issue/{key}/transitions", json=body, ok=(204,))
                return str(t["name"])
        names = ", ".join(repr(t.get("name")) for t in transitions) or "none"
        raise DeliveryError(
            f"{self.what}: {key} has no transition named {wanted!r} (available: {names})",
            retryable=False,
        )


def _done(issue: Mapping[str, Any]) -> bool:
    status = (issue.get("fields") or {}).get("status") or {}
    return bool((status.get("statusCategory") or {}).get("key") == "done")


def _doc(*content: dict[str, Any]) -> dict[str, Any]:
    return {"type": "doc", "version": 1, "content": list(content)}


def _paragraph(*content: dict[str, Any]) -> dict[str, Any]:
    return {"type": "paragraph", "content": list(content)}


def _text(text: str, mark: str | None = None) -> dict[str, Any]:
    node: dict[str, Any] = {"type": "text", "text": text}
    if mark:
        node["marks"] = [{"type": mark}]
    return node
