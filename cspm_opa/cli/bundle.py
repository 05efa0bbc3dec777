"""``cspm-opa bundle -o bundle.tar.gz``: an OPA bundle of the built-in and custom checks."""

from __future__ import annotations

import argparse

from cspm_opa.cli import _common as c


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("bundle", help="build an OPA bundle for your own OPA servers")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="e.g. bundle.tar.gz")
    p.add_argument("--policies", action="append", default=[], metavar="DIR")
    p.add_argument("--revision", metavar="REV", help="bundle revision (default: cspm-opa version)")
    p.add_argument(
        "--allow-network",
        action="store_true",
        help="allow policies that call network builtins such as http.send",
    )
    p.add_argument("--opa-bin", metavar="PATH")  # fmt: skip
    return p


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from cspm_opa.bundle import build_bundle

    info = build_bundle(
        Path(args.output),
        policies=args.policies,
        revision=args.revision,
        allow_network=args.allow_network,
        opa_bin=args.opa_bin,
    )
    print(f"wrote {info.path}: {info.checks} checks, revision {info.revision}")
    print(f"serve it with: opa run --server --bundle {info.path}")
    return c.EXIT_OK
