"""Calls to AWS: one client per (service, region), retries, paging, and what a failure means.

Every call goes through :class:`Api`, which shares its clients between worker threads
(botocore clients are thread-safe; creating them is not, hence the lock), counts calls,
and turns botocore's exceptions into a :class:`CallFailed` with the coverage status it
stands for: ``denied``, ``throttled`` (still throttled after botocore's adaptive
retries), ``unsupported`` (the service or operation is not offered there) or ``error``.
Errors that mean "nothing is configured" (NoSuchBucketPolicy, ...) are not failures: the
caller names them in ``absent`` and gets None.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from typing import Any

from botocore.config import Config  # type: ignore[import-untyped]
from botocore.exceptions import (  # type: ignore[import-untyped]
    BotoCoreError,
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    UnknownEndpointError,
)

from cspm_opa import __version__

__all__ = ["Api", "CallFailed", "classify"]

DENIED = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnauthorizedOperation",
        "UnauthorizedAccess",
        "UnauthorizedException",
        "AuthorizationError",
        "AuthorizationErrorException",
        "AuthFailure",
        "Forbidden",
        "InvalidClientTokenId",
        "UnrecognizedClientException",
        "ExpiredToken",
        "ExpiredTokenException",
        "AllAccessDisabled",
    }
)
THROTTLED = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottled",
        "RequestThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "SlowDown",
        "EC2ThrottledException",
        "PriorRequestNotComplete",
        "ProvisionedThroughputExceededException",
    }
)
UNSUPPORTED = frozenset(
    {
        "InvalidAction",
        "UnsupportedOperation",
        "UnsupportedOperationException",
        "OptInRequired",
        "SubscriptionRequiredException",
        "NotImplemented",
        "UnknownOperationException",
    }
)


class CallFailed(Exception):
    """An AWS call that did not answer; ``status`` is a coverage status."""

    def __init__(self, operation: str, status: str, detail: str):
        super().__init__(f"{operation}: {detail}")
        self.operation = operation
        self.status = status
        self.detail = detail


def error_code(exc: BaseException) -> str:
    """The AWS error code of a ClientError ("" for other exceptions)."""
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Code", ""))
    return ""


def classify(exc: BaseException) -> tuple[str, str]:
    """(coverage status, detail) for an exception raised by a botocore call."""
    if isinstance(exc, ClientError):
        code = error_code(exc)
        message = str(exc.response.get("Error", {}).get("Message", "")).strip()
        detail = f"{code}: {message}" if message and len(message) < 300 else code
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if code in DENIED or status == 403:
            return "denied", detail
        if code in THROTTLED or status == 429:
            return "throttled", detail
        if code in UNSUPPORTED or status == 501:
            return "unsupported", detail
        return "error", detail or f"HTTP {status}"
    if isinstance(exc, UnknownEndpointError):
        return "unsupported", str(exc)
    if isinstance(exc, EndpointConnectionError):
        return "error", str(exc)
    if isinstance(exc, NoCredentialsError):
        return "denied", str(exc)
    return "error", f"{type(exc).__name__}: {exc}"


class Api:
    """AWS access for one account: cached clients and calls that fail as CallFailed."""

    def __init__(self, session: Any, *, workers: int):
        self.session = session
        self.config = Config(
            retries={"mode": "adaptive"},
            max_pool_connections=max(10, workers),
            user_agent_extra=f"cspm-opa/{__version__}",
        )
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()
        self._creating = threading.Lock()
        self._count = 0

    @property
    def calls(self) -> int:
        """API calls made so far (each page and each retry-wrapped call counts once)."""
        return self._count

    def _counted(self, **_: Any) -> None:
        with self._lock:
            self._count += 1

    def client(self, service: str, region: str) -> Any:
        """The shared client of ``service`` in ``region``.

        A client that exists is returned without waiting: only making one takes the
        creation lock, so a thread creating the next service's client (tens of ms of
        botocore set-up) never holds up threads calling through clients already made.
        """
        key = (service, region)
        found = self._clients.get(key)  # a dict read is atomic; entries are never replaced
        if found is not None:
            return found
        with self._creating:
            found = self._clients.get(key)
            if found is None:
                found = self._session_client(service, region)
                found.meta.events.register("before-call", self._counted)
                self._clients[key] = found
            return found

    def _session_client(self, service: str, region: str) -> Any:
        return self.session.client(service, region_name=region, config=self.config)

    def call(
        self,
        service: str,
        region: str,
        method: str,
        *,
        absent: Collection[str] = (),
        **params: Any,
    ) -> dict[str, Any] | None:
        """One call; None when it answers with an error code listed in ``absent``."""
        client = self.client(service, region)
        try:
            response: dict[str, Any] = getattr(client, method)(**params)
        except (ClientError, BotoCoreError) as exc:
            if error_code(exc) in absent:
                return None
            raise self._failure(client, method, exc) from exc
        response.pop("ResponseMetadata", None)
        return response

    def pages(self, service: str, region: str, method: str, key: str, **params: Any) -> list[Any]:
        """Every item under ``key`` across the pages of a paginated call."""
        return self.pages_of(service, region, method, (key,), **params)[key]

    def pages_of(
        self, service: str, region: str, method: str, keys: tuple[str, ...], **params: Any
    ) -> dict[str, list[Any]]:
        """The items under each of ``keys``, gathered across the pages of a call."""
        client = self.client(service, region)
        items: dict[str, list[Any]] = {key: [] for key in keys}
        try:
            pages = (
                client.get_paginator(method).paginate(**params)
                if client.can_paginate(method)
                else [getattr(client, method)(**params)]
            )
            for page in pages:
                for key in keys:
                    items[key].extend(page.get(key) or [])
        except (ClientError, BotoCoreError) as exc:
            raise self._failure(client, method, exc) from exc
        return items

    @staticmethod
    def _failure(client: Any, method: str, exc: BaseException) -> CallFailed:
        status, detail = classify(exc)
        return CallFailed(operation_name(client, method), status, detail)


def operation_name(client: Any, method: str) -> str:
    """The API's name for a client method: ``get_bucket_policy`` -> ``GetBucketPolicy``."""
    mapping: dict[str, str] = client.meta.method_to_api_mapping
    return mapping.get(method, method)
