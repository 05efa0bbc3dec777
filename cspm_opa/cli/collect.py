"""``cspm-opa collect ... -o DIR``: snapshots only, one ``<provider>-<account>.json`` each."""

from __future__ import annotations

import argparse

from cspm_opa.cli import _common as c
from cspm_opa.cli.scan import add_collect_options, collect_snapshots


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("collect", help="collect snapshots without evaluating them")
    add_collect_options(p)
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="directory for snapshots")
    c.add_dask_options(p)
    return p


def run(args: argparse.Namespace) -> int:
    from cspm_opa.snapshots import write_snapshot

    for snap in collect_snapshots(args):
        path = write_snapshot(snap, args.output)
        print(path)
    return c.EXIT_OK
