"""``cspm-opa evaluate SNAPSHOT...``: evaluate snapshot files written by collect or scan."""

from __future__ import annotations

import argparse

from cspm_opa.cli import _common as c
from cspm_opa.cli import _store, _stream


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("evaluate", help="evaluate snapshot files")
    p.add_argument("snapshots", nargs="+", metavar="SNAPSHOT", help="snapshot JSON files")
    c.add_engine_options(p)
    c.add_output_options(p)
    _store.add_store_options(p)
    c.add_delivery_options(p)
    _stream.add_stream_option(p)
    return p


def run(args: argparse.Namespace) -> int:
    scope, waivers = c.load_assessment_inputs(args)
    if _stream.wanted(args):
        return _stream.run(args, scope, waivers)
    routes = c.load_routes_from(args)
    store = _store.open_store_from(args)
    with c.gc_paused():
        snapshots, engine = c.open_engine_during(args, lambda: c.load_snapshots(args.snapshots))
        with engine:
            findings, result = c.run_evaluation(snapshots, engine, scope=scope, waivers=waivers)
        _store.record(store, result, snapshots)
        c.output(result, args)
    c.deliver_alerts(args, routes, result)
    return max(c.exit_for(findings, args.fail_on), _store.exit_for_new(result, args.fail_on_new))
