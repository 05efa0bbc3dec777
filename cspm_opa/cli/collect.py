"""``cspm-opa collect ... -o DIR``: snapshots only, one ``<provider>-<account>.json`` each,
written as each account is collected."""

from __future__ import annotations

import argparse

from cspm_opa.cli import _common as c
from cspm_opa.cli.scan import add_collect_options, each_snapshot


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("collect", help="collect snapshots without evaluating them")
    add_collect_options(p)
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="directory for snapshots")
    c.add_dask_options(p)
    return p


def run(args: argparse.Namespace) -> int:
    from cspm_opa.snapshots import write_snapshot

    # Each account is written as soon as it is collected: memory holds the accounts in
    # flight, not the estate.
    for snap in each_snapshot(args):
        path = write_snapshot(snap, args.output)
        print(path, flush=True)
    return c.EXIT_OK
