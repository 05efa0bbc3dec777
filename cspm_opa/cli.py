"""The ``cspm-opa`` command line: argument parsing and file writes, nothing else.

Exit codes: 0 done; 1 findings at or above --fail-on; 2 bad usage, configuration or
input; 3 a collection or engine failure.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cspm_opa import __version__
from cspm_opa.errors import CspmError, InputError
from cspm_opa.model import Finding, Severity, Snapshot, Status

if TYPE_CHECKING:
    from cspm_opa.engine.base import Engine

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_RUNTIME = 0, 1, 2, 3


def _severity(value: str) -> Severity:
    try:
        return Severity(value.upper())
    except ValueError:
        names = ", ".join(s.value for s in Severity)
        raise argparse.ArgumentTypeError(f"invalid severity {value!r} (one of {names})") from None


def _engine_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--policies",
        action="append",
        default=[],
        metavar="DIR",
        help="a directory of custom Rego checks, beside the built-in pack (repeatable)",
    )
    p.add_argument(
        "--opa-url", metavar="URL", help="evaluate on a running OPA server instead of starting one"
    )
    p.add_argument("--opa-token", metavar="TOKEN", help="bearer token for --opa-url")
    p.add_argument("--opa-ca", metavar="FILE", help="CA bundle to verify --opa-url's TLS")
    p.add_argument("--opa-bin", metavar="PATH", help="the opa binary to run")
    p.add_argument("--allow-network", action="store_true",
                   help="allow policies that call network builtins such as http.send")  # fmt: skip


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("-o", "--output", metavar="FILE", help="write the output here, not stdout")
    p.add_argument("--fail-on", type=_severity, metavar="SEVERITY",
                   help="exit 1 when a check fails at this severity or above")  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cspm-opa",
        description="Cloud security posture as policy-as-code, evaluated by Open Policy Agent.",
    )
    parser.add_argument("--version", action="version", version=f"cspm-opa {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ev = sub.add_parser("evaluate", help="evaluate snapshot files")
    ev.add_argument("snapshots", nargs="+", metavar="SNAPSHOT", help="snapshot JSON files")
    _engine_options(ev)
    _output_options(ev)

    demo = sub.add_parser("demo", help="evaluate the bundled sample estate")
    demo.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="out/demo-result.json",
        help="where to write the JSON scan result (default: %(default)s)",
    )
    demo.add_argument("--snapshot-out", metavar="DIR", help="also write the estate's snapshots")
    demo.add_argument("--opa-bin", metavar="PATH")

    pol = sub.add_parser("policies", help="list the checks and their mappings")
    pol.add_argument("--framework", metavar="KEY", help="only checks mapped to this framework")
    pol.add_argument("--policies", action="append", default=[], metavar="DIR")
    pol.add_argument("--format", choices=["table", "json"], default="table")
    pol.add_argument("--opa-bin", metavar="PATH")

    lint = sub.add_parser("lint", help="opa fmt, opa check --strict with schemas, metadata")
    lint.add_argument("dirs", nargs="*", metavar="DIR", help="default: the built-in pack")
    lint.add_argument("--opa-bin", metavar="PATH")

    test = sub.add_parser("test", help="opa test with coverage")
    test.add_argument("dirs", nargs="*", metavar="DIR", help="default: the built-in pack")
    test.add_argument("--threshold", type=float, default=0.0, metavar="PERCENT",
                      help="fail when coverage is below this")  # fmt: skip
    test.add_argument("--opa-bin", metavar="PATH")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        handler = _HANDLERS[args.command]
        return handler(args)
    except CspmError as exc:
        print(f"cspm-opa: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)


def _open_engine(args: argparse.Namespace) -> Engine:
    from cspm_opa.engine.local import LocalOpa
    from cspm_opa.engine.remote import OpaServer

    if getattr(args, "opa_url", None):
        return OpaServer(
            args.opa_url,
            token=args.opa_token,
            ca_bundle=args.opa_ca,
            policies=args.policies,
            opa_bin=args.opa_bin,
        )
    return LocalOpa(args.policies, opa_bin=args.opa_bin, allow_network=args.allow_network)


def _run(snapshots: Sequence[Snapshot], engine: Engine) -> tuple[list[Finding], dict[str, Any]]:
    from cspm_opa.evaluator import evaluate
    from cspm_opa.result import build_scan_result

    started = time.monotonic()
    _progress(f"evaluating {len(snapshots)} snapshot(s) with {len(engine.catalog.policies)} checks")
    findings = evaluate(snapshots, engine)
    _progress(f"done in {time.monotonic() - started:.1f}s: {len(findings)} results")
    tool = {"name": "cspm-opa", "version": __version__}
    return findings, build_scan_result(snapshots, findings, engine.catalog, tool=tool)


def _emit(text: str, output: str | None) -> None:
    if output:
        target = Path(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        _progress(f"wrote {target}")
    else:
        sys.stdout.write(text)


def _render(result: dict[str, Any], fmt: str) -> str:
    from cspm_opa.report import render_table

    if fmt == "json":
        return json.dumps(result, indent=2) + "\n"
    return render_table(result)


def _exit_for(findings: Sequence[Finding], fail_on: Severity | None) -> int:
    if fail_on is None:
        return EXIT_OK
    hit = any(f.status is Status.FAIL and f.severity >= fail_on for f in findings)
    return EXIT_FINDINGS if hit else EXIT_OK


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from cspm_opa.snapshots import load_snapshot

    snapshots, errors = [], []
    for path in args.snapshots:
        try:
            snapshots.append(load_snapshot(path))
        except InputError as exc:
            errors.append(str(exc))
    if errors:
        raise InputError("\n".join(errors))
    with _open_engine(args) as engine:
        findings, result = _run(snapshots, engine)
    _emit(_render(result, args.format), args.output)
    return _exit_for(findings, args.fail_on)


def _cmd_demo(args: argparse.Namespace) -> int:
    from cspm_opa.engine.local import LocalOpa
    from cspm_opa.report import render_table
    from cspm_opa.snapshots import snapshot_from_dict, write_snapshot
    from cspm_opa.testing.estate import sample_estate

    snapshots = [
        snapshot_from_dict(doc, source=f"sample estate: {doc['account']['id']}")
        for doc in sample_estate()
    ]
    if args.snapshot_out:
        for snap in snapshots:
            write_snapshot(snap, args.snapshot_out)
    with LocalOpa(opa_bin=args.opa_bin) as engine:
        print(f"cspm-opa demo: OPA {engine.opa} serving {len(engine.catalog.policies)} checks")
        _findings, result = _run(snapshots, engine)
    target = Path(args.output)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(render_table(result))
    print(f"\nScan result written to {target}")
    return EXIT_OK


def _cmd_policies(args: argparse.Namespace) -> int:
    from cspm_opa.engine.base import policy_dirs
    from cspm_opa.engine.binary import find_opa
    from cspm_opa.engine.catalog import load_catalog

    catalog = load_catalog(policy_dirs(args.policies), find_opa(args.opa_bin))
    rows = [
        p
        for p in catalog.policies
        if not args.framework or any(c.framework == args.framework for c in p.compliance)
    ]
    if args.format == "json":
        data = [
            {
                "id": p.id,
                "title": p.title,
                "severity": p.severity.value,
                "resource_type": p.resource_type,
                "package": p.package,
                "file": p.file,
                "compliance": [
                    {"framework": c.framework, "control": c.control} for c in p.compliance
                ],
            }
            for p in rows
        ]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return EXIT_OK
    for p in rows:
        controls = ", ".join(
            f"{c.framework} {c.control}"
            for c in p.compliance
            if not args.framework or c.framework == args.framework
        )
        print(f"{p.id:<12}{p.severity.value:<10}{p.resource_type:<26}{p.title}")
        if controls:
            print(f"{'':<48}{controls}")
    print(f"{len(rows)} checks")
    return EXIT_OK


def _cmd_lint(args: argparse.Namespace) -> int:
    from cspm_opa.engine.binary import find_opa
    from cspm_opa.policy_tools import lint

    report = lint([Path(d) for d in args.dirs], find_opa(args.opa_bin))
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if not report.ok:
        print(f"lint: {len(report.problems)} problem(s)", file=sys.stderr)
        return EXIT_INPUT
    print(f"lint: {report.checks} checks clean (format, strict schema check, metadata, tests)")
    return EXIT_OK


def _cmd_test(args: argparse.Namespace) -> int:
    from cspm_opa.engine.binary import find_opa
    from cspm_opa.policy_tools import run_tests

    report = run_tests([Path(d) for d in args.dirs], opa=find_opa(args.opa_bin))
    for failure in report.failed:
        print(f"FAIL {failure}", file=sys.stderr)
    cov = report.coverage
    print(f"coverage: {'n/a' if cov is None else f'{cov:.1f}%'} (threshold {args.threshold:.0f}%)")
    if cov is not None and cov < args.threshold:
        for file, rows in sorted(report.uncovered.items()):
            print(f"  not covered: {file}: lines {', '.join(map(str, rows))}", file=sys.stderr)
    print(f"{report.passed} passed, {len(report.failed)} failed")
    if not report.ok:
        return EXIT_FINDINGS
    if args.threshold and (cov is None or cov < args.threshold):
        shown = "n/a" if cov is None else f"{cov:.1f}%"
        print(f"coverage {shown} is below the threshold {args.threshold:.0f}%", file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK


_HANDLERS = {
    "evaluate": _cmd_evaluate,
    "demo": _cmd_demo,
    "policies": _cmd_policies,
    "lint": _cmd_lint,
    "test": _cmd_test,
}


if __name__ == "__main__":
    raise SystemExit(main())
