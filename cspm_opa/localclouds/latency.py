"""Simulated network latency for AWS clients talking to a local cloud.

moto answers in a millisecond or two, while a real AWS endpoint is tens of milliseconds
away, so a collector measured against moto alone says little about how well it overlaps
its calls. This module delays every HTTP attempt a botocore client makes by a fixed time,
through botocore's own ``before-send`` event (the last hook before the request goes on
the wire, fired again for each retry), without touching the request itself::

    with simulated_latency(30):          # every client created inside waits 30 ms a request
        collect_account(target, request)

    delay_client(client, 30)              # or one client that already exists

The delay is a plain ``time.sleep`` in the calling thread, like a blocking socket read:
threads that overlap their calls overlap their waits too, as they would against AWS.
Used by the collection benchmarks (``benchmarks/bench_collect_aws.py`` and the scale
benchmark); never by the collector itself.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

import botocore.session  # type: ignore[import-untyped]

__all__ = ["LatencyHook", "delay_client", "simulated_latency"]

_EVENT = "before-send"
_PATCH_LOCK = threading.Lock()


class LatencyHook:
    """A ``before-send`` handler that sleeps ``seconds`` and counts the requests it saw."""

    def __init__(self, milliseconds: float):
        if milliseconds < 0:
            raise ValueError(f"latency must not be negative, got {milliseconds} ms")
        self.seconds = milliseconds / 1000.0
        self.active = True
        self._lock = threading.Lock()
        self.requests = 0

    def __call__(self, **_: Any) -> None:
        if not self.active:
            return
        with self._lock:
            self.requests += 1
        if self.seconds:
            time.sleep(self.seconds)
        # Returning None lets botocore send the request as usual.

    def attach(self, client: Any) -> Any:
        """Register on ``client`` (a botocore client) and return it."""
        client.meta.events.register(_EVENT, self, unique_id=f"cspm-latency-{id(self)}")
        return client


def delay_client(client: Any, milliseconds: float) -> LatencyHook:
    """Delay every request ``client`` sends by ``milliseconds``; returns the hook."""
    hook = LatencyHook(milliseconds)
    hook.attach(client)
    return hook


@contextlib.contextmanager
def simulated_latency(milliseconds: float) -> Iterator[LatencyHook]:
    """Every botocore client created in this process while the block runs (boto3's
    included, whichever session makes it) delays each request by ``milliseconds``.

    Clients created before the block are untouched, and clients created inside stop
    waiting when it ends. Blocks may nest (the inner one adds its delay to the outer
    one's) but must end in the reverse order they began.
    """
    hook = LatencyHook(milliseconds)
    with _PATCH_LOCK:
        original = botocore.session.Session.create_client

        def create_client(self: Any, *args: Any, **kwargs: Any) -> Any:
            return hook.attach(original(self, *args, **kwargs))

        botocore.session.Session.create_client = create_client
    try:
        yield hook
    finally:
        hook.active = False
        with _PATCH_LOCK:
            botocore.session.Session.create_client = original
