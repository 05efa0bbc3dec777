"""Retries with exponential backoff, honouring a server's Retry-After, and the one HTTP
call every HTTP sink makes through them. Error messages never carry a URL or a header:
a Slack webhook URL is a secret, and so is an Authorization header."""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx

__all__ = ["DeliveryError", "RetryPolicy", "http_request", "with_retries"]

T = TypeVar("T")

MAX_RETRY_AFTER = 120.0
"""The longest Retry-After honoured (seconds); a longer one fails the attempt, to be
spooled and sent next run."""


class DeliveryError(Exception):
    """A delivery that did not go through. ``retryable``: a later attempt may succeed
    (a network error, 429, 5xx); ``retry_after``: seconds the server asked to wait."""

    def __init__(
        self, message: str, *, retryable: bool = True, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after


@dataclass(frozen=True)
class RetryPolicy:
    """``attempts`` tries in all, waiting ``base_delay * 2**n`` (with jitter, at most
    ``max_delay``) between them, or what Retry-After asks."""

    attempts: int = 4
    base_delay: float = 1.0
    max_delay: float = 30.0
    timeout: float = 15.0
    """Seconds for each network call."""
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    def delay(self, attempt: int, error: DeliveryError) -> float:
        if error.retry_after is not None:
            return error.retry_after
        backoff = min(self.max_delay, self.base_delay * 2**attempt)
        jitter: float = random.random()  # jitter, not cryptography
        return float(backoff * (0.5 + jitter / 2))


def with_retries(call: Callable[[], T], policy: RetryPolicy) -> T:
    """Call until it succeeds, fails for good (not retryable), or runs out of attempts;
    the last DeliveryError is raised."""
    for attempt in range(policy.attempts):
        try:
            return call()
        except DeliveryError as exc:
            if not exc.retryable or attempt + 1 >= policy.attempts:
                raise
            policy.sleep(policy.delay(attempt, exc))
    raise AssertionError("unreachable")  # pragma: no cover


def http_request(
    client: httpx.Client,
    method: str,
    url: str,
    policy: RetryPolicy,
    *,
    what: str,
    json: Any = None,
    content: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
    ok: tuple[int, ...] = (200, 201, 204),
) -> httpx.Response:
    """One HTTP call with retries. ``what`` names it in errors instead of the URL."""

    def once() -> httpx.Response:
        try:
            response = client.request(
                method, url, json=json, content=content, headers=headers, params=params
            )
        except httpx.TimeoutException:
            raise DeliveryError(f"{what}: timed out") from None
        except httpx.HTTPError as exc:
            raise DeliveryError(f"{what}: {type(exc).__name__}: {_reason(exc)}") from None
        if response.status_code in ok:
            return response
        raise _status_error(what, response)

    return with_retries(once, policy)


def _status_error(what: str, response: httpx.Response) -> DeliveryError:
    status = response.status_code
    body = response.text.strip().replace("\n", " ")[:300]
    retry_after = _retry_after(response.headers.get("Retry-After"))
    message = f"{what}: HTTP {status}" + (f": {body}" if body else "")
    if status in {408, 429} or status >= 500:
        if retry_after is not None and retry_after > MAX_RETRY_AFTER:
            return DeliveryError(f"{message} (Retry-After {retry_after:.0f}s)", retryable=False)
        return DeliveryError(message, retry_after=retry_after)
    return DeliveryError(message, retryable=False)


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _reason(exc: httpx.HTTPError) -> str:
    """The cause of a transport error without the request (whose URL may be secret)."""
    cause = exc.__cause__ or exc.__context__
    text = str(cause if cause is not None else exc)
    return text.splitlines()[0][:200] if text else "no detail"
