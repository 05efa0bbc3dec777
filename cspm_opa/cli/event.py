"""``cspm-opa event FILE|- --provider aws|azure|gcp``: re-evaluate what one change event
touched, without a full scan."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from cspm_opa import __version__
from cspm_opa.cli import _common as c
from cspm_opa.cli import _store
from cspm_opa.cli.remediate import (
    add_remediate_options,
    remediate_after,
    remediate_settings,
    report_remediation,
)
from cspm_opa.cli.scan import add_collect_options, requests_from
from cspm_opa.errors import ConfigError, InputError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "event",
        help="re-evaluate the resources one change event touched",
        description="Read one change event (a CloudTrail event from EventBridge, an Azure "
        "Event Grid or Activity Log event, a GCP audit log entry), re-collect only the "
        "resources it touched and the settings their checks read, and evaluate only their "
        "checks. An event that maps to no checked resource is reported and exits 0.",
    )
    p.add_argument("event_file", metavar="FILE", help="the event as JSON, or - for stdin")
    add_collect_options(p)
    c.add_engine_options(p)
    c.add_output_options(p)
    _store.add_store_options(p)
    c.add_delivery_options(p)
    add_remediate_options(p)
    return p


def read_event(path: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the event {path}: {exc}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"the event {path} is not JSON: {exc}") from exc


def run(args: argparse.Namespace) -> int:
    from cspm_opa.events import parse_event, reevaluate

    requests = requests_from(args)
    if len(requests) != 1:
        raise ConfigError("an event comes from one provider: give --provider once")
    request = requests[0]
    scope, waivers = c.load_assessment_inputs(args)  # bad options fail before any API call
    routes = c.load_routes_from(args)
    remediation = remediate_settings(args)  # --remediate without --audit-log: now
    event = parse_event(request.provider, read_event(args.event_file))
    if event.ignored:
        print(f"cspm-opa: event {event.id or '(no id)'} ignored: {event.ignored}", file=sys.stderr)
        return c.EXIT_OK
    store = _store.open_store_from(args)
    tool = {"name": "cspm-opa", "version": __version__}
    with c.open_engine(args) as engine:
        outcome = reevaluate(event, request, engine, scope=scope, waivers=waivers, tool=tool)
    if outcome.result is None:
        if store is not None:
            store.close()
        print(f"cspm-opa: event {event.id or '(no id)'} ignored: {outcome.ignored}",
              file=sys.stderr)  # fmt: skip
        return c.EXIT_OK
    if store is not None:
        try:
            scan_id, delta = store.record(
                outcome.result, outcome.snapshots, kind="event", event_id=event.id or None,
                evaluated=outcome.gone,
            )  # fmt: skip
        finally:
            store.close()
        c.progress(f"recorded event {scan_id}: {len(delta.new)} new, "
                   f"{len(delta.resolved)} resolved, {len(delta.regressed)} regressed")  # fmt: skip
    c.output(outcome.result, args)
    c.deliver_alerts(args, routes, outcome.result)
    fixed = c.EXIT_OK
    if remediation is not None:
        plan = remediate_after(args, remediation, outcome.result, scope)
        report_remediation(plan)
        fixed = plan.exit_code
    return max(
        c.exit_for(outcome.findings, args.fail_on),
        _store.exit_for_new(outcome.result, args.fail_on_new),
        fixed,
    )
