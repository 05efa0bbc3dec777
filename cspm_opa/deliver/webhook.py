"""The webhook sink: a JSON POST (schemas/webhook_payload.json), signed.

Headers: ``X-Cspm-Signature: sha256=<lowercase hex HMAC-SHA256 of the exact body>`` when
the sink names ``secret_env``, and ``X-Cspm-Delivery: <delivery_id>``. A spooled delivery
is re-sent with the same body and id, so receivers can drop duplicates.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Sequence
from typing import Any

import orjson

from cspm_opa.deliver._base import Digest, SendContext
from cspm_opa.deliver.retry import http_request
from cspm_opa.deliver.routes import Alert

__all__ = ["build", "send", "sign"]

SIGNATURE_HEADER = "X-Cspm-Signature"
DELIVERY_HEADER = "X-Cspm-Delivery"


def build(digest: Digest, alerts: Sequence[Alert]) -> dict[str, Any]:
    counts = {e: sum(1 for a in alerts if a.event == e) for e in ("new", "regressed", "resolved")}
    return {
        "schema_version": "1",
        "delivery_id": uuid.uuid4().hex,
        "route": digest.route,
        "generated_at": digest.generated_at,
        "previous_scan": digest.previous_scan,
        "counts": counts,
        "alerts": [{"event": a.event, "finding": dict(a.finding)} for a in alerts],
    }


def sign(secret: str, body: bytes) -> str:
    """The X-Cspm-Signature value for ``body``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def send(ctx: SendContext, payload: dict[str, Any]) -> str:
    body = orjson.dumps(payload)
    headers = {"Content-Type": "application/json", DELIVERY_HEADER: payload["delivery_id"]}
    secret = ctx.optional_secret("secret_env")
    if secret is not None:
        headers[SIGNATURE_HEADER] = sign(secret, body)
    for header in ctx.sink.options.get("headers_env") or {}:
        headers[header] = ctx.secret(f"headers_env.{header}")
    with ctx.client() as client:
        response = http_request(
            client,
            "POST",
            str(ctx.sink.options["url"]),
            ctx.policy,
            what=f"webhook {ctx.sink.name}",
            content=body,
            headers=headers,
            ok=(200, 201, 202, 204),
        )
    return f"posted {len(payload['alerts'])} alert(s), HTTP {response.status_code}"
