"""``cspm-opa test [DIR...]``: opa test with the built-in library, coverage and a threshold."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cspm_opa.cli import _common as c


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("test", help="run opa test with coverage")
    p.add_argument("dirs", nargs="*", metavar="DIR", help="default: the built-in pack")
    p.add_argument("--threshold", type=float, default=0.0, metavar="PERCENT",
                   help="fail when coverage of the checks under test is below this")  # fmt: skip
    p.add_argument("--opa-bin", metavar="PATH")
    return p


def run(args: argparse.Namespace) -> int:
    from cspm_opa.engine.binary import find_opa
    from cspm_opa.policy_tools import run_tests

    report = run_tests([Path(d) for d in args.dirs], opa=find_opa(args.opa_bin))
    for failure in report.failed:
        print(f"FAIL {failure}", file=sys.stderr)
    cov = report.coverage
    shown = "n/a" if cov is None else f"{cov:.1f}%"
    print(f"coverage: {shown} (threshold {args.threshold:.0f}%)")
    below = bool(args.threshold) and (cov is None or cov < args.threshold)
    if below:
        for file, rows in sorted(report.uncovered.items()):
            print(f"  not covered: {file}: lines {', '.join(map(str, rows))}", file=sys.stderr)
    print(f"{report.passed} passed, {len(report.failed)} failed")
    if not report.ok:
        return c.EXIT_FINDINGS
    if below:
        print(f"coverage {shown} is below the threshold {args.threshold:.0f}%", file=sys.stderr)
        return c.EXIT_FINDINGS
    return c.EXIT_OK
