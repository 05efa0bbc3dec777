"""``cspm-opa dashboard``: posture over time, from the history store, as one self-contained
HTML page (inline SVG charts, no external assets)."""

from __future__ import annotations

import argparse

from cspm_opa.cli import _common as c
from cspm_opa.cli import _store
from cspm_opa.errors import ConfigError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("dashboard", help="posture trends from the history store, as HTML")
    p.add_argument("--store", metavar="URL",
                   help=f"the history store to read (default: {_store.ENV_STORE})")  # fmt: skip
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write the page here (default: stdout)")  # fmt: skip
    p.add_argument("--top", type=int, default=10, metavar="N",
                   help="accounts in the top accounts by risk (default 10)")  # fmt: skip
    return p


def run(args: argparse.Namespace) -> int:
    from cspm_opa.dashboard import dashboard_data, render_dashboard

    if _store.store_url(args) is None:
        raise ConfigError(f"give --store URL or set {_store.ENV_STORE}")
    store = _store.open_store_from(args)
    assert store is not None
    with store:
        data = dashboard_data(store, top=args.top)
    c.emit(render_dashboard(data), args.output)
    return c.EXIT_OK
