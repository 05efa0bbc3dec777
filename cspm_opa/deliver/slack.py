"""The Slack sink: one incoming-webhook message in Block Kit per route per run.

Within Slack's limits: at most 50 blocks a message and 3,000 characters of text in a
section (150 in a header). Alerts are packed into sections line by line; what does not
fit is counted in a last line ("... and 12 more"). The webhook URL is a secret: it comes
from ``webhook_url_env`` and appears in no message, log or spool file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cspm_opa.deliver._base import Digest, SendContext
from cspm_opa.deliver.retry import http_request
from cspm_opa.deliver.routes import Alert

__all__ = ["MAX_BLOCKS", "MAX_SECTION_TEXT", "build", "send"]

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
_MARK = {"new": ":red_circle:", "regressed": ":warning:", "resolved": ":white_check_mark:"}


def build(digest: Digest, alerts: Sequence[Alert]) -> dict[str, Any]:
    counts = {e: sum(1 for a in alerts if a.event == e) for e in ("new", "regressed", "resolved")}
    summary = ", ".join(f"{n} {e}" for e, n in counts.items())
    title = _cut(f"cspm-opa {digest.route}: {summary}", MAX_HEADER_TEXT)
    context = f"scan of {digest.generated_at}" + (
        f", compared with scan {digest.previous_scan}" if digest.previous_scan else ""
    )
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": title}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": _escape(context)}]},
    ]
    max_sections = MAX_BLOCKS - len(blocks) - 1  # one left for "... and N more"
    lines = [_line(a) for a in alerts]
    sections: list[str] = []
    current, placed = "", 0
    for line in lines:
        if current and len(current) + 1 + len(line) > MAX_SECTION_TEXT:
            if len(sections) + 1 >= max_sections:
                break  # current becomes the last section
            sections.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
        placed += 1
    if current:
        sections.append(current)
    blocks.extend(_section(text) for text in sections)
    if placed < len(lines):
        more = f"... and {len(lines) - placed} more (see the scan result)"
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": more}]})
    return {"text": title, "blocks": blocks}


def send(ctx: SendContext, payload: dict[str, Any]) -> str:
    url = ctx.secret("webhook_url_env")
    with ctx.client() as client:
        http_request(
            client, "POST", url, ctx.policy, what=f"slack {ctx.sink.name}", json=payload, ok=(200,)
        )
    return f"posted a message of {len(payload['blocks'])} block(s)"


def _line(alert: Alert) -> str:
    f = alert.finding
    res = f["resource"]
    name = res.get("name") or res["id"]
    priority = (f.get("priority") or {}).get("level")
    level = f"{f['severity']}" + (f", priority {priority}" if priority else "")
    region = f" {res['region']}" if res.get("region") else ""
    where = f"{res['provider']} {res['account']}{region}"
    text = (
        f"{_MARK[alert.event]} *{alert.event}* [{level}] *{f['policy_id']}* {f['title']}: "
        f"`{name}` ({where})"
    )
    return _cut(_escape(text), MAX_SECTION_TEXT)


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _escape(text: str) -> str:
    """Slack's mrkdwn control characters (&, <, >) as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
