"""A scheduler for continuous posture: run a cycle every interval, log and survive a failed
one, back off while the clouds throttle, stop cleanly on a signal, and write a heartbeat.

::

    from cspm_opa.schedule import Scheduler

    def cycle(n: int) -> dict:          # a scan result, say; its coverage is read for
        ...                             # throttling (see result_throttled)

    Scheduler("15m", cycle, heartbeat="/run/cspm/heartbeat.json").run(handle_signals=True)

``cspm-opa watch`` is this scheduler around a scan; docs/watch.md describes both.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

from cspm_opa.errors import ConfigError, CspmError

__all__ = [
    "CycleAbandoned",
    "Heartbeat",
    "Scheduler",
    "parse_interval",
    "result_throttled",
    "write_heartbeat",
]

log = logging.getLogger("cspm_opa.schedule")

_INTERVAL = re.compile(r"(\d+)([smh])")
_UNITS = {"s": 1, "m": 60, "h": 3600}

OK, FAILED, THROTTLED, ABANDONED = "ok", "failed", "throttled", "abandoned"


def parse_interval(text: str) -> float:
    """Seconds in an interval written ``\\d+[smh]`` (``90s``, ``15m``, ``1h``); above zero."""
    match = _INTERVAL.fullmatch(text.strip())
    if match is None or int(match.group(1)) == 0:
        raise ConfigError(f"interval {text!r}: write a positive whole number and s, m or h (15m)")
    return float(int(match.group(1)) * _UNITS[match.group(2)])


def result_throttled(value: object) -> bool:
    """Did a cycle's scan result meet throttling: a coverage entry whose status is
    ``throttled`` (still throttled after the SDK's own retries)?"""
    if not isinstance(value, Mapping):
        return False
    return any(gap.get("status") == "throttled" for gap in value.get("coverage") or ())


class CycleAbandoned(BaseException):
    """Raised in the main thread by a second stop signal to abandon the running cycle."""


@dataclass(frozen=True)
class Heartbeat:
    """What the heartbeat file holds (times are UTC, ISO 8601; None until known)."""

    pid: int
    cycle: int
    """Cycles started so far."""
    last_started: str | None
    last_finished: str | None
    last_status: str | None
    """ok, failed, throttled (ok, but the clouds throttled it: the next waits longer) or
    abandoned (stopped by a second signal before it finished)."""
    next_at: str | None
    """When the next cycle starts; None once the scheduler is stopping or done."""
    last_error: str | None = None
    """The failed cycle's error, one line."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def write_heartbeat(path: str | os.PathLike[str], heartbeat: Heartbeat) -> None:
    """Write ``heartbeat`` as JSON to ``path`` atomically: a temporary file beside it,
    flushed to disk, then renamed over it, so a reader never sees half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(heartbeat.to_dict(), out, indent=2)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class Scheduler:
    """Run ``run_cycle(n)`` (n = 1, 2, ...) every ``interval`` (seconds, or ``"15m"``).

    - Cycles start ``interval`` apart, start to start; one that overruns is followed at
      once by the next, never overlapped.
    - A cycle that raises is logged (``last_status`` failed) and the next runs on time.
    - A cycle whose value ``throttled(value)`` calls throttled doubles the wait before the
      next, up to ``max_backoff`` times the interval; an unthrottled one resets it.
    - After each cycle, and once more on the way out, the heartbeat file is rewritten.
    - :meth:`stop` (from any thread, or a signal with ``handle_signals``) ends the loop
      after the running cycle, or at once while waiting. A second signal during a cycle
      abandons it (:class:`CycleAbandoned` is raised inside it, so its ``with`` blocks
      and transactions unwind).
    - ``max_cycles`` ends the loop after that many cycles.
    """

    def __init__(
        self,
        interval: float | str,
        run_cycle: Callable[[int], Any],
        *,
        heartbeat: str | os.PathLike[str] | None = None,
        max_cycles: int | None = None,
        throttled: Callable[[Any], bool] = result_throttled,
        max_backoff: int = 8,
    ) -> None:
        self.interval = parse_interval(interval) if isinstance(interval, str) else float(interval)
        if self.interval <= 0:
            raise ConfigError(f"interval must be above zero, not {interval!r}")
        if max_cycles is not None and max_cycles < 1:
            raise ConfigError(f"max_cycles must be 1 or more, not {max_cycles}")
        self.run_cycle = run_cycle
        self.heartbeat_path = Path(heartbeat) if heartbeat is not None else None
        self.max_cycles = max_cycles
        self.throttled = throttled
        self.max_backoff = max(1, max_backoff)
        self._stop = threading.Event()
        self._in_cycle = False
        self.state = Heartbeat(os.getpid(), 0, None, None, None, None)
        """The latest heartbeat (also when no file is written)."""
        self.statuses: list[str] = []
        """Each cycle's status, in order."""

    # -- control ---------------------------------------------------------------------

    def stop(self) -> None:
        """End the loop after the running cycle (at once if it is waiting)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(self, *, handle_signals: bool = False) -> Heartbeat:
        """Run cycles until stopped or ``max_cycles`` are done; return the last heartbeat.
        ``handle_signals`` (main thread only) makes SIGTERM and SIGINT stop it."""
        with self._signals() if handle_signals else contextlib.nullcontext():
            try:
                self._loop()
            finally:
                self._beat(next_at=None)
        return self.state

    # -- the loop --------------------------------------------------------------------

    def _loop(self) -> None:
        backoff = 0
        cycle = 0
        while not self.stopping and (self.max_cycles is None or cycle < self.max_cycles):
            cycle += 1
            started, tick = _now(), time.monotonic()
            self.state = Heartbeat(os.getpid(), cycle, _iso(started), self.state.last_finished,
                                   self.state.last_status, None, self.state.last_error)  # fmt: skip
            log.info("cycle %d started", cycle)
            status, error = self._one(cycle)
            self.statuses.append(status)
            finished = _now()
            backoff = backoff + 1 if status == THROTTLED else 0
            delay = self.interval * min(2**backoff, self.max_backoff)
            more = not self.stopping and (self.max_cycles is None or cycle < self.max_cycles)
            next_at = max(started + timedelta(seconds=delay), finished) if more else None
            self.state = Heartbeat(os.getpid(), cycle, _iso(started), _iso(finished), status,
                                   _iso(next_at), error)  # fmt: skip
            self._beat(next_at=self.state.next_at)
            took = time.monotonic() - tick
            log.info(
                "cycle %d %s in %.1fs%s",
                cycle,
                status,
                took,
                f"; next at {self.state.next_at}" if next_at else "",
            )
            if status == ABANDONED:
                return
            if next_at is not None:
                self._stop.wait(max(0.0, delay - (time.monotonic() - tick)))

    def _one(self, cycle: int) -> tuple[str, str | None]:
        self._in_cycle = True
        try:
            value = self.run_cycle(cycle)
        except CycleAbandoned:
            log.warning("cycle %d abandoned", cycle)
            return ABANDONED, None
        except CspmError as exc:
            log.error("cycle %d failed: %s", cycle, exc)
            return FAILED, _line(exc)
        except Exception as exc:
            log.exception("cycle %d failed", cycle)
            return FAILED, _line(exc)
        finally:
            self._in_cycle = False
        try:
            hit = self.throttled(value)
        except Exception:
            log.exception("cycle %d: the throttling check failed", cycle)
            hit = False
        if hit:
            log.warning("cycle %d was throttled: backing off", cycle)
        return (THROTTLED if hit else OK), None

    def _beat(self, *, next_at: str | None) -> None:
        if next_at is None and self.state.next_at is not None:
            self.state = Heartbeat(**{**self.state.to_dict(), "next_at": None})
        if self.heartbeat_path is None:
            return
        try:
            write_heartbeat(self.heartbeat_path, self.state)
        except OSError as exc:
            log.error("could not write the heartbeat %s: %s", self.heartbeat_path, exc)

    @contextlib.contextmanager
    def _signals(self) -> Iterator[None]:
        def handler(signum: int, _frame: FrameType | None) -> None:
            name = signal.Signals(signum).name
            if self.stopping and self._in_cycle:
                log.warning("%s again: abandoning the running cycle", name)
                raise CycleAbandoned
            if self._in_cycle:
                log.warning("%s: stopping after the running cycle (again to abandon it)", name)
            else:
                log.warning("%s: stopping", name)
            self.stop()

        previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            yield
        finally:
            for signum, old in previous.items():
                signal.signal(signum, old)


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:500]
