"""The ``cspm-opa`` command line: argument parsing and file writes, nothing else.

Each command lives in its own module with ``register(subparsers)`` and ``run(args)``.
Exit codes: 0 done; 1 findings at or above --fail-on; 2 bad usage, configuration or
input; 3 a collection or engine failure.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from cspm_opa import __version__
from cspm_opa.errors import CspmError

__all__ = ["build_parser", "main"]

# Command modules, in the order `--help` lists them.
COMMANDS = (
    "scan",
    "collect",
    "evaluate",
    "event",
    "report",
    "inventory",
    "drift",
    "baseline",
    "policies",
    "new_policy",
    "lint",
    "test",
    "bundle",
    "demo",
    "history",
    "watch",
    "dashboard",
    "remediate",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cspm-opa",
        description="Cloud security posture as policy-as-code, evaluated by Open Policy Agent.",
    )
    parser.add_argument("--version", action="version", version=f"cspm-opa {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"cspm_opa.cli.{name}")
        command = module.register(sub)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except CspmError as exc:
        print(f"cspm-opa: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    finally:
        from cspm_opa.cli._common import close_fanout

        close_fanout(args)  # a Dask cluster --dask opened, if any


if __name__ == "__main__":
    raise SystemExit(main())
