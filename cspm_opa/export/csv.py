"""CSV: one row per finding, for spreadsheets and ticket imports."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

__all__ = ["COLUMNS", "csv_row", "render_csv"]

COLUMNS = (
    "uid", "status", "severity", "policy_id", "title", "provider", "account", "region",
    "resource_type", "resource_id", "resource_name", "message", "remediation", "compliance",
    "waiver_reason", "waiver_owner", "waiver_expires",
)  # fmt: skip


def render_csv(result: Mapping[str, Any]) -> str:
    """RFC 4180 CSV with a header row; compliance is ``framework:control`` joined by spaces."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for f in result["findings"]:
        writer.writerow(csv_row(f))
    return out.getvalue()


def csv_row(f: Mapping[str, Any]) -> tuple[str, ...]:
    """One finding (as in the scan result) as a row of :data:`COLUMNS`."""
    res, waiver = f["resource"], f.get("waiver") or {}
    return (
        f["uid"], f["status"], f["severity"], f["policy_id"], f["title"], res["provider"],
        res["account"], res["region"], res["type"], res["id"], res["name"], f["message"],
        f["remediation"],
        " ".join(f"{c['framework']}:{c['control']}" for c in f["compliance"]),
        waiver.get("reason", ""), waiver.get("owner", ""), waiver.get("expires", ""),
    )  # fmt: skip
