"""``cspm-opa report RESULT.json --format text|markdown|html``: render a saved scan result."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cspm_opa import _json
from cspm_opa.cli import _common as c


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("report", help="render a JSON scan result as a report")
    p.add_argument("result", metavar="RESULT", help="a scan result written by --format json")
    p.add_argument(
        "--format",
        choices=["text", "markdown", "html", "sarif", "junit", "csv", "ocsf", "ocsf-parquet",
                 "asff"],
        default="text",
    )  # fmt: skip
    p.add_argument("-o", "--output", metavar="FILE", help="write here, not stdout")  # fmt: skip
    c.add_import_option(p)
    return p


def load_result(path: str) -> dict[str, Any]:
    """Read a scan result and hold it to schemas/scan_result.json."""
    from cspm_opa.errors import InputError, ValidationIssue
    from cspm_opa.schemas import default_store

    try:
        result = _json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read scan result: {exc}") from exc
    except _json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from exc
    issues: list[ValidationIssue] = list(default_store().issues("scan_result.json", result))
    if issues:
        listed = "\n".join(f"  {issue}" for issue in issues[:50])
        raise InputError(f"{path}: not a cspm-opa scan result ({len(issues)} issues):\n{listed}")
    data: dict[str, Any] = result
    return data


def run(args: argparse.Namespace) -> int:
    result = load_result(args.result)
    c.output(result, args)
    return c.EXIT_OK
