"""``cspm-opa lint [DIR...]``: opa fmt, opa check --strict with schemas, the metadata contract."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cspm_opa.cli import _common as c


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "lint", help="opa fmt, opa check --strict against the schemas, metadata and tests"
    )
    p.add_argument("dirs", nargs="*", metavar="DIR", help="default: the built-in pack")
    p.add_argument("--opa-bin", metavar="PATH")
    return p


def run(args: argparse.Namespace) -> int:
    from cspm_opa.engine.binary import find_opa
    from cspm_opa.policy_tools import lint

    report = lint([Path(d) for d in args.dirs], find_opa(args.opa_bin))
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if not report.ok:
        print(f"lint: {len(report.problems)} problem(s)", file=sys.stderr)
        return c.EXIT_INPUT
    print(f"lint: {report.checks} checks clean (format, strict schema check, metadata, tests)")
    return c.EXIT_OK
