"""``cspm-opa history --store URL``: the recorded scans, with posture and compliance per
framework over time (JSON: schemas/history.json)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from cspm_opa.cli import _common as c
from cspm_opa.cli import _store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("history", help="list the scans recorded in a history store")
    p.add_argument(
        "--store",
        metavar="URL",
        help=f"the history store: a file path, sqlite:///FILE or postgresql://... "
        f"(default: {_store.ENV_STORE})",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("-o", "--output", metavar="FILE", help="write the output here, not stdout")
    return p


def run(args: argparse.Namespace) -> int:
    from cspm_opa import _json
    from cspm_opa.errors import ConfigError

    store = _store.open_store_from(args)
    if store is None:
        raise ConfigError(f"history needs --store URL (or {_store.ENV_STORE})")
    with store:
        scans = store.scans()
    text = _json.dumps(scans) if args.format == "json" else render_history(scans)
    c.emit(text, args.output)
    return c.EXIT_OK


def render_history(scans: Sequence[dict[str, Any]]) -> str:
    """One line per scan: when, what, posture, compliance percent per framework, FAILs
    and the delta."""
    if not scans:
        return "no scans recorded\n"
    frameworks = sorted({k for s in scans for k in s["compliance"]})
    head = ["SCAN", "GENERATED", "KIND", "ACCOUNTS", "POSTURE", *frameworks,
            "FAIL", "NEW", "RESOLVED", "REGRESSED"]  # fmt: skip
    rows = [head]
    for s in scans:
        delta = s["delta"]
        rows.append(
            [
                str(s["id"]),
                s["generated_at"],
                s["kind"] + (f" {s['event_id']}" if s["event_id"] else ""),
                ",".join(a["account"] for a in s["accounts"]),
                _value(s["posture_score"]),
                *(_percent(s["compliance"].get(f, "")) for f in frameworks),
                str(s["counts"].get("by_status", {}).get("FAIL", 0)),
                str(delta["new"]),
                str(delta["resolved"]),
                str(delta["regressed"]),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]  # fmt: skip
    return "\n".join(lines) + "\n"


def _value(value: Any) -> str:
    return "-" if value is None else str(value)


def _percent(value: Any) -> str:
    if value == "":
        return ""
    return "-" if value is None else f"{value:.1f}%"
