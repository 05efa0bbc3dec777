"""The HTTP client for an OPA server: opa-python-client, wrapped.

The wrapper keeps what the library does well (a pooled session, bearer token, TLS
verification, retries on 5xx) and changes three things: OPA's error body always reaches
the caller, timeouts fit large inputs, and policies are uploaded exactly as written (the
library's v0-Rego rewriting is off).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import orjson
import requests
from opa_client.opa import OpaClient

from cspm_opa.errors import EngineError, OpaRequestError, PolicyError

__all__ = ["EvalResponse", "OpaHttp"]

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 900.0
"""Generous: OPA answers only when evaluation is done, which for 100k resources takes a while."""


@dataclass(frozen=True)
class EvalResponse:
    """The value of the queried document, and OPA's metrics for the request (ns)."""

    result: Any
    metrics: dict[str, int]


class OpaHttp:
    """A connection to one OPA server's REST API."""

    def __init__(
        self,
        url: str,
        *,
        token: str | None = None,
        ca_bundle: str | None = None,
        read_timeout: float = READ_TIMEOUT,
        pool_size: int = 8,
    ):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise EngineError(f"not an OPA URL (want http(s)://host:port): {url!r}")
        self.url = url.rstrip("/")
        ssl: bool | str = False
        if parts.scheme == "https":
            ssl = ca_bundle or True
        port = parts.port or (443 if parts.scheme == "https" else 80)
        self._client = OpaClient(
            host=parts.hostname,
            port=port,
            ssl=ssl,
            token=token,
            retries=2,
            timeout=CONNECT_TIMEOUT,
        )
        adapter = requests.adapters.HTTPAdapter(
            pool_connections=pool_size,
            pool_maxsize=pool_size,
            max_retries=self._client._session.get_adapter(self.url).max_retries,
        )
        self._session: requests.Session = self._client._session
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._timeout = (CONNECT_TIMEOUT, read_timeout)

    def close(self) -> None:
        self._client.close_connection()

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        url = f"{self.url}{path}"
        try:
            response = self._session.request(method, url, timeout=self._timeout, **kwargs)
        except requests.exceptions.SSLError as exc:
            raise EngineError(f"TLS error talking to OPA at {self.url}: {exc}") from exc
        except requests.exceptions.RequestException as exc:
            raise EngineError(f"cannot reach OPA at {self.url}: {exc}") from exc
        if response.status_code >= 400:
            raise OpaRequestError(url, response.status_code, response.text)
        return response

    def healthy(self) -> bool:
        """One /health probe, without the session's retries (the caller polls)."""
        try:
            response = requests.get(
                f"{self.url}/health",
                headers=dict(self._session.headers),
                verify=self._session.verify,
                timeout=(1.0, 2.0),
            )
        except requests.exceptions.RequestException:
            return False
        return response.status_code == 200

    def wait_healthy(self, timeout: float, alive: Any = None) -> None:
        """Poll /health until it answers 200; ``alive()`` False stops early."""
        deadline = time.monotonic() + timeout
        delay = 0.02
        while time.monotonic() < deadline:
            if self.healthy():
                return
            if alive is not None and not alive():
                raise EngineError(f"OPA at {self.url} exited while starting")
            time.sleep(delay)
            delay = min(delay * 1.5, 0.25)
        raise EngineError(f"OPA at {self.url} did not become healthy within {timeout:.0f}s")

    def query(self, path: str, body: bytes) -> EvalResponse:
        """POST an input document (already JSON-encoded as ``{"input": ...}``) to
        /v1/data/<path> and return the result with OPA's metrics."""
        response = self._request(
            "POST",
            f"/v1/data/{path}?metrics=true",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        payload = orjson.loads(response.content)
        if "result" not in payload:
            raise EngineError(
                f"OPA at {self.url} has no document data/{path}: are the policies loaded?"
            )
        return EvalResponse(payload["result"], payload.get("metrics", {}))

    def put_policy(self, policy_id: str, text: str, *, source: str | None = None) -> None:
        """Upload one Rego module as written; a compile error keeps OPA's file and line
        (``source``, the file the module came from, stands for the policy id there)."""
        try:
            self._client.update_policy_from_string(text, policy_id, rego_compat=False)
        except requests.exceptions.RequestException as exc:
            raise EngineError(f"cannot reach OPA at {self.url}: {exc}") from exc
        except Exception as exc:
            errors = getattr(exc, "errors", None) or []
            detail = "\n".join(
                f"{_file(e, policy_id, source)}:"
                f"{e.get('location', {}).get('row', '?')}: {e.get('message', '')}"
                for e in errors
                if isinstance(e, dict)
            )
            raise PolicyError(detail or f"OPA refused policy {policy_id}: {exc}") from exc

    def get_json(self, path: str) -> Any:
        return json.loads(self._request("GET", path).text)


def _file(error: dict[str, Any], policy_id: str, source: str | None) -> str:
    file = str(error.get("location", {}).get("file") or policy_id)
    return source if source and file == policy_id else file
