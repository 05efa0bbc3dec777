"""deliver(): spooled deliveries first, then this run's alerts, route by route."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cspm_opa.deliver import email, jira, slack, webhook
from cspm_opa.deliver._base import Digest, SendContext
from cspm_opa.deliver.retry import DeliveryError, RetryPolicy
from cspm_opa.deliver.routes import EVENTS, Alert, Routes, SinkConfig
from cspm_opa.deliver.spool import Spool, SpoolEntry, default_spool_dir

if TYPE_CHECKING:
    from cspm_opa.store import Store

__all__ = ["DeliveryReport", "Outcome", "alerts_for", "deliver"]

log = logging.getLogger("cspm_opa.deliver")

_DIGESTS: Mapping[str, tuple[Callable[[Digest, Sequence[Alert]], dict[str, Any]],
                             Callable[[SendContext, dict[str, Any]], str]]] = {
    "webhook": (webhook.build, webhook.send),
    "slack": (slack.build, slack.send),
    "email": (email.build, email.send),
}  # fmt: skip


@dataclass(frozen=True)
class Outcome:
    """One delivery: to which sink, for which route, whether it went, and what it did."""

    sink: str
    route: str
    ok: bool
    detail: str
    spooled: bool = False
    """It failed and waits in the spool for the next run."""
    replayed: bool = False
    """It came from the spool."""

    def line(self) -> str:
        origin = " (from the spool)" if self.replayed else ""
        if self.ok:
            return f"{self.sink} <- {self.route}{origin}: {self.detail}"
        kept = "; spooled for the next run" if self.spooled else ""
        return f"{self.sink} <- {self.route}{origin}: FAILED: {self.detail}{kept}"


@dataclass
class DeliveryReport:
    """What :func:`deliver` did. It never raises for a sink that fails: look here."""

    alerts: int = 0
    """Alerts in the scan result (before routing)."""
    outcomes: list[Outcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Spooled entries dropped (their sink left the routes file), unreadable ones, ..."""

    @property
    def delivered(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.ok]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def spooled(self) -> int:
        return sum(1 for o in self.outcomes if o.spooled)

    @property
    def resent(self) -> int:
        return sum(1 for o in self.outcomes if o.replayed and o.ok)

    def to_dict(self) -> dict[str, Any]:
        return {
            "alerts": self.alerts,
            "outcomes": [o.__dict__ for o in self.outcomes],
            "warnings": list(self.warnings),
        }


def alerts_for(result: Mapping[str, Any]) -> list[Alert]:
    """The result's alerts: with a delta, its new, regressed and resolved uids (a
    resolved uid is an alert when the result still holds its finding: PASS or WAIVED);
    without one, every FAIL is new and nothing is resolved."""
    findings = result["findings"]
    delta = result.get("delta")
    if delta is None:
        return [Alert("new", f) for f in findings if f["status"] == "FAIL"]
    by_uid = {f["uid"]: f for f in findings}
    alerts = []
    for event in EVENTS:
        for uid in delta.get(event, ()):
            finding = by_uid.get(uid)
            if finding is not None:
                alerts.append(Alert(event, finding))
    return alerts


def deliver(
    result: Mapping[str, Any],
    routes: Routes,
    store: Store | None = None,
    spool_dir: str | os.PathLike[str] | None = None,
    *,
    retry: RetryPolicy | None = None,
    environ: Mapping[str, str] | None = None,
) -> DeliveryReport:
    """Send the result's alerts where ``routes`` say, after re-sending what is spooled.

    Digest sinks (webhook, slack, email) get one message per route per run; Jira gets
    one issue per finding (``store``, when given, remembers uid -> issue key). A delivery
    that still fails after ``retry`` is spooled in ``spool_dir`` (default:
    :func:`~cspm_opa.deliver.spool.default_spool_dir`) and re-sent on the next call. Once
    a sink has failed in a run, its later deliveries go straight to the spool. Secrets are
    read from ``environ`` (default ``os.environ``) and scrubbed from every message.
    """
    run = _Run(routes, store, Spool(spool_dir or default_spool_dir()), retry or RetryPolicy(),
               os.environ if environ is None else environ)  # fmt: skip
    with _scrubbed_logs(run.scrub):
        _deliver(run, result, routes)
    for outcome in run.report.outcomes:
        (log.info if outcome.ok else log.warning)("%s", outcome.line())
    return run.report


# httpx logs each request's URL at INFO (a Slack webhook URL is a secret); these
# loggers' records are scrubbed of secrets while deliveries are made.
_SCRUBBED_LOGGERS = ("httpx", "httpcore", "cspm_opa.deliver")


class _Scrub(logging.Filter):
    def __init__(self, scrub: Callable[[str], str]) -> None:
        super().__init__()
        self.scrub = scrub

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.scrub(message)
        if clean != message:
            record.msg, record.args = clean, ()
        return True


@contextmanager
def _scrubbed_logs(scrub: Callable[[str], str]) -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in _SCRUBBED_LOGGERS]
    scrubber = _Scrub(scrub)
    for logger in loggers:
        logger.addFilter(scrubber)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(scrubber)


def _deliver(run: _Run, result: Mapping[str, Any], routes: Routes) -> None:
    run.replay()
    alerts = alerts_for(result)
    run.report.alerts = len(alerts)
    delta = result.get("delta") or {}
    sent: set[tuple[str, str, str]] = set()  # Jira: (sink, uid, event) once per run
    for route in routes.routes:
        matched = [a for a in alerts if route.match.matches(a)]
        if not matched:
            continue
        digest = Digest(route.name, str(result["generated_at"]), delta.get("previous_scan"))
        for name in route.sinks:
            sink = routes.sinks[name]
            if sink.type == "jira":
                for alert in matched:
                    if (name, alert.uid, alert.event) not in sent:
                        sent.add((name, alert.uid, alert.event))
                        run.attempt(sink, route.name, jira.build(alert))
            else:
                run.attempt(sink, route.name, _DIGESTS[sink.type][0](digest, matched))


class _Run:
    def __init__(
        self,
        routes: Routes,
        store: Store | None,
        spool: Spool,
        policy: RetryPolicy,
        environ: Mapping[str, str],
    ) -> None:
        self.routes = routes
        self.store = store
        self.spool = spool
        self.policy = policy
        self.report = DeliveryReport()
        self.down: dict[str, str] = {}
        """sink -> why it failed in this run."""
        self.contexts: dict[str, SendContext] = {}
        self.secret_values: list[str] = []
        for sink in routes.sinks.values():
            values = {opt: environ.get(var, "") for opt, var in sink.env_names().items()}
            self.contexts[sink.name] = SendContext(sink, values, policy, store)
            self.secret_values += [v for v in values.values() if v]
        # Longest first, so a secret that contains another is hidden whole.
        self.secret_values.sort(key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for value in self.secret_values:
            text = text.replace(value, "***")
        return text

    def replay(self) -> None:
        for entry in self.spool.entries():
            sink = self.routes.sinks.get(entry.sink)
            if sink is None or sink.type != entry.type:
                why = "is no longer in" if sink is None else f"is no longer a {entry.type} sink in"
                self.report.warnings.append(
                    f"dropped a spooled {entry.type} delivery of {entry.created} "
                    f"(route {entry.route}): sink {entry.sink!r} {why} {self.routes.source}"
                )
                log.warning("%s", self.report.warnings[-1])
                self.spool.remove(entry)
                continue
            self.attempt(sink, entry.route, entry.payload, entry=entry)

    def attempt(
        self,
        sink: SinkConfig,
        route: str,
        payload: dict[str, Any],
        *,
        entry: SpoolEntry | None = None,
    ) -> None:
        replayed = entry is not None
        if sink.name in self.down:
            error = f"not tried: {self.down[sink.name]}"
        else:
            try:
                detail = self._send(sink, payload)
            except DeliveryError as exc:
                error = self.scrub(str(exc))
                self.down[sink.name] = error
            except Exception as exc:  # a sink never breaks the scan: report and spool
                error = self.scrub(f"{sink.type} {sink.name}: {type(exc).__name__}: {exc}")
                self.down[sink.name] = error
            else:
                if entry is not None:
                    self.spool.remove(entry)
                outcome = Outcome(sink.name, route, True, self.scrub(detail), replayed=replayed)
                self.report.outcomes.append(outcome)
                return
        if entry is not None:
            self.spool.retried(entry, error)
        else:
            self.spool.put(sink=sink.name, type=sink.type, route=route, payload=payload,
                           error=error)  # fmt: skip
        self.report.outcomes.append(
            Outcome(sink.name, route, False, error, spooled=True, replayed=replayed)
        )

    def _send(self, sink: SinkConfig, payload: dict[str, Any]) -> str:
        ctx = self.contexts[sink.name]
        if sink.type == "jira":
            return jira.send(ctx, payload)
        return _DIGESTS[sink.type][1](ctx, payload)
