"""A small read-only Microsoft Graph v1.0 client over the azure-core pipeline (the same
credential, proxies and TLS trust as the ARM clients).

- Tokens: the session's credential, for ``<audience>/.default`` (so
  ``https://graph.microsoft.com/.default`` on public Azure); see
  :attr:`GraphClient.audiences` for the audiences tried.
- Paging: a collection is read to its end by following ``@odata.nextLink`` (an absolute
  URL that already carries the query).
- Throttling: 429 (and 503/504) are retried up to :data:`RETRIES` times, waiting what
  ``Retry-After`` asks (capped at :data:`MAX_WAIT`), else an exponential backoff.
- Errors: Graph's ``{"error": {"code", "message"}}`` becomes :class:`GraphError` with
  the HTTP status and the code (``Authorization_RequestDenied`` for a missing role).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MAX_WAIT", "RETRIES", "GraphClient", "GraphError"]

RETRIES = 4
"""Retries after the first attempt of a throttled or unavailable request."""
MAX_WAIT = 30.0
"""The longest Retry-After honoured, in seconds."""
BACKOFF = 0.5
TIMEOUT = 30
"""Seconds to wait for an answer."""
CONNECT_TIMEOUT = 10
"""Seconds to wait for a connection (a Graph that does not answer is not asked again for
the other reads: see :func:`cspm_opa.collect.azure.entra.collect_entra`)."""
_RETRY_STATUSES = {429, 503, 504}


class GraphError(Exception):
    """A Graph request that failed: HTTP status (0: no answer), Graph's error code."""

    def __init__(self, status: int, code: str, message: str, path: str):
        self.status = status
        self.code = code
        self.path = path
        super().__init__(f"{code} ({status}) on GET {path}: {message}"[:300])

    @property
    def coverage_status(self) -> str:
        if self.status in (401, 403):
            return "denied"
        if self.status == 429:
            return "throttled"
        return "error"


@dataclass
class GraphClient:
    """GETs against ``endpoint`` (no trailing slash, no version), e.g.
    ``https://graph.microsoft.com``."""

    endpoint: str
    credential: Any
    verify: str | None = None
    sleep: Callable[[float], None] = time.sleep
    audiences: tuple[str, ...] = ()
    """Token audiences to try in order (default: the endpoint itself). A 401 before any
    request succeeded moves to the next one: a Graph behind a proxy or private endpoint
    wants the audience of the Graph it fronts, not its own URL."""
    retries: list[tuple[str, int, float]] = field(default_factory=list)
    """(path, status, seconds waited) of every retry made."""
    _client: Any = None
    _audience: int = 0
    _settled: bool = False

    @property
    def audience(self) -> str:
        candidates = self.audiences or (self.endpoint,)
        return candidates[min(self._audience, len(candidates) - 1)].rstrip("/")

    @property
    def scope(self) -> str:
        return f"{self.audience}/.default"

    def _next_audience(self) -> bool:
        """Move to the next audience after a 401, if none has worked yet and one is left."""
        if self._settled or self._audience + 1 >= len(self.audiences):
            return False
        self._audience += 1
        self.close()
        return True

    def _pipeline(self) -> Any:
        if self._client is None:
            from azure.core import PipelineClient
            from azure.core.pipeline.policies import (
                BearerTokenCredentialPolicy,
                HeadersPolicy,
                HttpLoggingPolicy,
                ProxyPolicy,
                UserAgentPolicy,
            )

            options: dict[str, Any] = {
                "connection_timeout": CONNECT_TIMEOUT,
                "read_timeout": TIMEOUT,
            }
            if self.verify:
                options["connection_verify"] = self.verify
            policies = [
                HeadersPolicy({"Accept": "application/json"}),
                UserAgentPolicy(sdk_moniker="cspm-opa"),
                ProxyPolicy(),
                BearerTokenCredentialPolicy(self.credential, self.scope),
                HttpLoggingPolicy(),
            ]
            self._client = PipelineClient(self.endpoint, policies=policies, **options)
        return self._client

    def get(self, path: str) -> dict[str, Any]:
        """One object: ``path`` is relative to the endpoint (``/v1.0/...``) or absolute."""
        url = (
            path
            if path.startswith("https://") or path.startswith("http://")
            else (f"{self.endpoint}{path}")
        )
        from azure.core.exceptions import AzureError
        from azure.core.rest import HttpRequest

        attempt = 0
        while True:
            try:
                response = self._pipeline().send_request(HttpRequest("GET", url))
            except AzureError as exc:
                raise GraphError(0, type(exc).__name__, str(exc).splitlines()[0], path) from exc
            status = int(response.status_code)
            if status in _RETRY_STATUSES and attempt < RETRIES:
                wait = _retry_after(response.headers.get("Retry-After"), attempt)
                self.retries.append((path, status, wait))
                self.sleep(wait)
                attempt += 1
                continue
            if status == 401 and self._next_audience():
                continue
            if status < 400:
                self._settled = True
            body = _json(response)
            if status >= 400:
                found = body.get("error")
                error: dict[str, Any] = found if isinstance(found, dict) else {}
                message = str(error.get("message") or "").splitlines()
                text = message[0] if message else ""
                if status == 401:
                    text = f"{text} [the token's audience was {self.audience}]"
                raise GraphError(
                    status, str(error.get("code") or response.reason or "Error"), text, path
                )
            return body

    def get_all(self, path: str) -> Iterator[dict[str, Any]]:
        """Every item of a collection, page after page through ``@odata.nextLink``."""
        next_url: str | None = path
        while next_url:
            page = self.get(next_url)
            for item in page.get("value") or ():
                if isinstance(item, dict):
                    yield item
            link = page.get("@odata.nextLink")
            next_url = str(link) if link else None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def _retry_after(value: str | None, attempt: int) -> float:
    """Seconds to wait: Retry-After (delta-seconds) capped at MAX_WAIT, else backoff."""
    if value:
        try:
            return max(0.0, min(float(value), MAX_WAIT))
        except ValueError:
            pass
    return float(min(BACKOFF * (2**attempt), MAX_WAIT))


def _json(response: Any) -> dict[str, Any]:
    import json

    text = response.text() if callable(getattr(response, "text", None)) else ""
    if not text:
        return {}
    try:
        value = json.loads(text.lstrip("\ufeff"))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
