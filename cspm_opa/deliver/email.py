"""The email sink: one plain-text digest per route per run, over SMTP with STARTTLS.

With ``starttls: true`` (the default) the session is upgraded before AUTH and before any
content is sent, and a server that does not offer STARTTLS is refused, never used in
clear. The certificate is verified against the system's CAs, or ``ca_file``.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from cspm_opa.deliver._base import Digest, SendContext
from cspm_opa.deliver.retry import DeliveryError, with_retries
from cspm_opa.deliver.routes import Alert

__all__ = ["build", "send"]


def build(digest: Digest, alerts: Sequence[Alert]) -> dict[str, Any]:
    counts = {e: sum(1 for a in alerts if a.event == e) for e in ("new", "regressed", "resolved")}
    summary = ", ".join(f"{n} {e}" for e, n in counts.items() if n)
    lines = [
        f"cspm-opa route {digest.route}: {summary}.",
        f"Scan of {digest.generated_at}"
        + (f", compared with scan {digest.previous_scan}." if digest.previous_scan else "."),
        "",
    ]
    for alert in alerts:
        f = alert.finding
        res = f["resource"]
        priority = (f.get("priority") or {}).get("level")
        controls = ", ".join(f"{c['framework']} {c['control']}" for c in f.get("compliance", ()))
        lines += [
            f"[{alert.event.upper()}] [{f['severity']}] {f['policy_id']} {f['title']}",
            f"  resource:    {res['id']}",
            f"  account:     {res['provider']} {res['account']} {res.get('region', '')}".rstrip(),
            *([f"  priority:    {priority}"] if priority else []),
            f"  status:      {f['status']}: {f['message']}",
            *([f"  compliance:  {controls}"] if controls else []),
            f"  remediation: {f['remediation']}",
            f"  uid:         {f['uid']}",
            "",
        ]
    return {"subject": f"[cspm-opa] {digest.route}: {summary}", "text": "\n".join(lines)}


def send(ctx: SendContext, payload: dict[str, Any]) -> str:
    options = ctx.sink.options
    host, port = str(options["host"]), int(options.get("port", 587))
    user = ctx.optional_secret("username_env")
    password = ctx.optional_secret("password_env")
    message = EmailMessage()
    message["From"] = str(options["sender"])
    message["To"] = ", ".join(options["to"])
    message["Subject"] = payload["subject"]
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain=str(options["sender"]).rsplit("@", 1)[-1])
    message.set_content(payload["text"])
    what = f"email {ctx.sink.name} ({host}:{port})"

    def once() -> None:
        try:
            with smtplib.SMTP(host, port, timeout=ctx.policy.timeout) as smtp:
                smtp.ehlo()
                if options.get("starttls", True):
                    if not smtp.has_extn("starttls"):
                        raise DeliveryError(
                            f"{what}: the server does not offer STARTTLS", retryable=False
                        )
                    ca = options.get("ca_file")
                    smtp.starttls(context=ssl.create_default_context(cafile=ca))
                    smtp.ehlo()
                if user is not None or password is not None:
                    smtp.login(user or "", password or "")
                smtp.send_message(message)
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(f"{what}: authentication refused ({exc.smtp_code})") from None
        except smtplib.SMTPResponseException as exc:
            retryable = exc.smtp_code < 500 or exc.smtp_code >= 600
            raw = exc.smtp_error
            reply = (raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw))[:200]
            raise DeliveryError(f"{what}: {exc.smtp_code} {reply}", retryable=retryable) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"{what}: {type(exc).__name__}: {exc}") from None

    with_retries(once, ctx.policy)
    return f"mailed {len(options['to'])} recipient(s)"
