"""``cspm-opa watch``: scan on an interval; record each scan in the history store, diff it
with what the store knew, and hand the result (with its delta) to alert routing."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cspm_opa.cli import _common as c
from cspm_opa.cli import _store, scan
from cspm_opa.cli.remediate import add_remediate_options, remediate_after, remediate_settings
from cspm_opa.errors import ConfigError

if TYPE_CHECKING:
    from cspm_opa.deliver import Routes
    from cspm_opa.engine.base import Engine
    from cspm_opa.model import Snapshot
    from cspm_opa.scope import Scope
    from cspm_opa.store import Store
    from cspm_opa.waivers import Waiver

log = logging.getLogger("cspm_opa.watch")

AfterCycle = Callable[[dict[str, Any], "Store"], None]
"""Called with each recorded result (its delta set) while its store is open."""


def _interval(value: str) -> float:
    from cspm_opa.schedule import parse_interval

    try:
        return parse_interval(value)
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {value!r}")
    return number


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("watch", help="scan every interval: record, diff and alert")
    scan.add_collect_options(p)
    c.add_engine_options(p)
    p.add_argument("--scope", metavar="FILE", help="estate scope YAML (as for scan)")
    p.add_argument("--waivers", metavar="FILE", help="waivers YAML (as for scan)")
    p.add_argument("--interval", type=_interval, default=_interval("15m"), metavar="N[smh]",
                   help="time from one cycle's start to the next's (default 15m)")  # fmt: skip
    p.add_argument("--store", metavar="URL",
                   help=f"the history store each scan is recorded in (default: "
                   f"{_store.ENV_STORE}; one of the two is required)")  # fmt: skip
    p.add_argument("--heartbeat", metavar="FILE",
                   help="rewrite this JSON file after each cycle (pid, cycle, last_started, "
                   "last_finished, last_status, next_at)")  # fmt: skip
    p.add_argument("--max-cycles", type=_positive, metavar="N",
                   help="stop after N cycles (default: run until SIGTERM or SIGINT)")  # fmt: skip
    c.add_delivery_options(p)  # --routes FILE, --spool DIR
    add_remediate_options(p)  # --remediate POLICY_ID,... --audit-log FILE --split-ranges
    return p


class WatchCycle:
    """One scan per call: collect, evaluate (on an engine kept between cycles, restarted
    after a failure), record in the store, then run the ``after`` hooks."""

    def __init__(
        self,
        args: argparse.Namespace,
        store_url: str,
        *,
        scope: Scope | None = None,
        waivers: list[Waiver] | None = None,
        after: list[AfterCycle] | None = None,
    ) -> None:
        self.args = args
        self.store_url = store_url
        self.scope = scope
        self.waivers = waivers or []
        self.after = after or []
        self.engine: Engine | None = None

    def __call__(self, cycle: int) -> dict[str, Any]:
        snapshots, engine = self._collect()
        try:
            with c.gc_paused():
                _, result = c.run_evaluation(
                    snapshots, engine, scope=self.scope, waivers=self.waivers
                )
        except BaseException:
            self._drop_engine()  # a dead or wedged OPA is restarted next cycle
            raise
        self._record(cycle, result, snapshots)
        return result

    def close(self) -> None:
        self._drop_engine()

    def _collect(self) -> tuple[list[Snapshot], Engine]:
        if self.engine is None:
            snapshots, self.engine = c.open_engine_during(
                self.args, lambda: scan.collect_snapshots(self.args)
            )
            return snapshots, self.engine
        return scan.collect_snapshots(self.args), self.engine

    def _drop_engine(self) -> None:
        engine, self.engine = self.engine, None
        if engine is not None:
            engine.close()

    def _record(self, cycle: int, result: dict[str, Any], snapshots: list[Snapshot]) -> None:
        from cspm_opa.store import open_store

        with open_store(self.store_url) as store:
            scan_id, delta = store.record(result, snapshots)
            fails = result.get("summary", {}).get("by_status", {}).get("FAIL", 0)
            log.info(
                "cycle %d: scan %d recorded: posture %s, %d FAIL; %d new, %d regressed, "
                "%d resolved, %d unchanged",
                cycle, scan_id, result.get("posture_score"), fails, len(delta.new),
                len(delta.regressed), len(delta.resolved), delta.unchanged,
            )  # fmt: skip
            for hook in self.after:
                try:
                    hook(result, store)
                except Exception:  # the scan is recorded; a hook's fault is not the cycle's
                    log.exception("cycle %d: after the scan, %s failed", cycle, _name(hook))


def routes_hook(routes: Routes, spool: str | None = None) -> AfterCycle:
    """The alert-routing hook for ``--routes FILE``: each cycle's result (its delta's new,
    regressed and resolved findings) is delivered as the routes say. A sink that is down
    is retried, then spooled for the next cycle; it never fails the cycle."""
    from cspm_opa.deliver import deliver

    def deliver_alerts(result: dict[str, Any], store: Store) -> None:
        report = deliver(result, routes, store=store, spool_dir=spool)
        for warning in report.warnings:
            log.warning("delivery: %s", warning)
        log.info(
            "alerts: %d; %d delivered, %d failed (%d spooled for the next cycle)",
            report.alerts, len(report.delivered), len(report.failed), report.spooled,
        )  # fmt: skip

    return deliver_alerts


def remediate_hook(
    args: argparse.Namespace, settings: tuple[tuple[str, ...], Any], scope: Scope | None
) -> AfterCycle:
    """The ``--remediate`` hook: each cycle's new and regressed FAILs of the listed checks
    are fixed, every call audited; a failed call is logged and the cycle goes on."""

    def remediate(result: dict[str, Any], store: Store) -> None:
        plan = remediate_after(args, settings, result, scope)
        for action in plan.actions:
            state = "applied" if action.applied else "failed" if action.error else "skipped"
            detail = action.error or action.skipped or ""
            log.info("remediate: %s: %s (%s) %s%s", state, action.action, action.region,
                     action.resource, f": {detail}" if detail else "")  # fmt: skip

    return remediate


def _name(hook: Callable[..., Any]) -> str:
    return getattr(hook, "__name__", type(hook).__name__)


def _configure_logging() -> None:
    """Cycle logs on stderr, one timestamped line each (journald and pipes keep them)."""
    logger = logging.getLogger("cspm_opa")
    if any(getattr(h, "_cspm_watch", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s cspm-opa watch: %(message)s"))
    handler._cspm_watch = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def run(args: argparse.Namespace) -> int:
    from cspm_opa.schedule import CycleAbandoned, Scheduler

    scope, waivers = c.load_assessment_inputs(args)  # bad files fail before any cycle
    scan.requests_from(args)  # so do unknown providers
    url = _store.store_url(args)
    if url is None:
        raise ConfigError(f"watch records every scan: give --store URL or set {_store.ENV_STORE}")
    _store.open_store_from(args).close()  # type: ignore[union-attr]  # an unusable store: now
    routes = c.load_routes_from(args)  # a bad routes file or unset secret: now
    remediation = remediate_settings(args)  # --remediate without --audit-log: now
    after = [routes_hook(routes, args.spool)] if routes is not None else []
    if remediation is not None:
        after.append(remediate_hook(args, remediation, scope))
    _configure_logging()
    cycle = WatchCycle(args, url, scope=scope, waivers=waivers, after=after)
    scheduler = Scheduler(args.interval, cycle, heartbeat=args.heartbeat,
                          max_cycles=args.max_cycles)  # fmt: skip
    log.info("watching every %gs; store %s", scheduler.interval, _store._shown(url))
    try:
        scheduler.run(handle_signals=True)
    except CycleAbandoned:  # a second signal just as a cycle ended
        pass
    finally:
        cycle.close()
    if args.max_cycles and scheduler.statuses and set(scheduler.statuses) == {"failed"}:
        return c.EXIT_RUNTIME  # every cycle of a bounded run failed
    return c.EXIT_OK
