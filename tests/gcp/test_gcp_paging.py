"""Retry-After handling and page walking, with google-api-core's own exception classes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from types import SimpleNamespace
from typing import Any

import pytest
from google.api_core import exceptions

from cspm_opa.collect.gcp._paging import MAX_WAIT, all_pages, call_with_retry, retry_after


def _throttled(header: str | None = None) -> exceptions.TooManyRequests:
    headers = {"Retry-After": header} if header is not None else {}
    return exceptions.TooManyRequests("slow down", response=SimpleNamespace(headers=headers))


def test_retry_after_forms() -> None:
    assert retry_after(_throttled("3")) == 3.0
    assert retry_after(_throttled(None)) is None
    assert retry_after(_throttled("soon")) is None
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= (retry_after(_throttled(later)) or 0) <= 30


def test_backoff_without_a_header_and_the_last_error_propagates() -> None:
    sleeps: list[float] = []

    def always() -> None:
        raise _throttled()

    with pytest.raises(exceptions.TooManyRequests):
        call_with_retry(always, attempts=4, sleep=sleeps.append)
    assert sleeps == [1.0, 2.0, 4.0]


def test_long_waits_are_capped_and_other_errors_are_not_retried() -> None:
    sleeps: list[float] = []
    calls = iter([_throttled("86400"), "ok"])

    def flaky() -> Any:
        value = next(calls)
        if isinstance(value, Exception):
            raise value
        return value

    assert call_with_retry(flaky, sleep=sleeps.append) == "ok"
    assert sleeps == [MAX_WAIT]
    with pytest.raises(exceptions.Forbidden):
        call_with_retry(
            lambda: (_ for _ in ()).throw(exceptions.Forbidden("no")), sleep=sleeps.append
        )
    assert sleeps == [MAX_WAIT]


def test_all_pages_follows_tokens() -> None:
    pages = {"": (["a", "b"], "t1"), "t1": (["c"], "")}
    seen: list[str] = []

    def method(request: dict[str, Any]) -> Any:
        seen.append(request["page_token"])
        items, token = pages[request["page_token"]]
        return SimpleNamespace(things=items, next_page_token=token)

    assert all_pages(method, {"parent": "p"}, "things") == ["a", "b", "c"]
    assert seen == ["", "t1"]
