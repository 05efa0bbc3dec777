"""Page-by-page calls with retries that honour Retry-After.

google-api-core retries with its own backoff and ignores a server's Retry-After, and its
pagers fetch later pages lazily, out of reach of a retry. Here each page is one call,
retried on 429 and 503 after the wait the server asked for.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

__all__ = ["MAX_ATTEMPTS", "all_pages", "call_with_retry", "retry_after"]

T = TypeVar("T")

MAX_ATTEMPTS = 5
MAX_WAIT = 60.0
"""Seconds; a longer Retry-After is capped, so a scan cannot stall for hours."""


def _retryable() -> tuple[type[BaseException], ...]:
    from google.api_core import exceptions

    return (exceptions.TooManyRequests, exceptions.ServiceUnavailable)


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (delta-seconds or an HTTP date), if it did."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    value = headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def call_with_retry(
    fn: Callable[[], T],
    *,
    attempts: int = MAX_ATTEMPTS,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """``fn()``, retried on throttling; the last error propagates."""
    retryable = _retryable()
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except retryable as exc:
            if attempt == attempts:
                raise
            wait = retry_after(exc)
            sleep(min(MAX_WAIT, wait if wait is not None else 2.0 ** (attempt - 1)))
    raise AssertionError("unreachable")


def all_pages(
    method: Callable[..., Any],
    request: Mapping[str, Any],
    field: str,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Any]:
    """Every item of a paged list call, following ``next_page_token``.

    ``method`` is an SDK list method; its pager's first page is the response, read
    through the pager's attribute passthrough (``pager.assets``, ``pager.next_page_token``).
    """
    items: list[Any] = []
    token = ""
    while True:
        page = call_with_retry(
            partial(method, request={**request, "page_token": token}), sleep=sleep
        )
        items.extend(getattr(page, field))
        token = page.next_page_token
        if not token:
            return items
