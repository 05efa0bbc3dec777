"""The terminal findings table: failing and unknown results, worst first.

Worst first means by priority (score, then severity) where the risk layer gave one,
and by status, severity, check, account and resource otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.report.data import by_priority

__all__ = ["render_table"]

_SEVERITY_RANK = {"CRITICAL": 0, "HIGH": 1, "MEDIUM": 2, "LOW": 3, "INFO": 4}
_STATUS_RANK = {"FAIL": 0, "UNKNOWN": 1, "WAIVED": 2, "PASS": 3}


def render_table(
    result: Mapping[str, Any],
    *,
    show_pass: bool = False,
    width: int = 140,
    min_severity: str = "INFO",
) -> str:
    """The findings of a scan result (FAIL and UNKNOWN, or all), worst first; failures
    below ``min_severity`` are counted in a closing line instead of listed."""
    lines: list[str] = []
    floor = _SEVERITY_RANK[min_severity]
    shown = [f for f in result["findings"] if show_pass or f["status"] in ("FAIL", "UNKNOWN")]
    rows = [f for f in shown if f["status"] != "FAIL" or _SEVERITY_RANK[f["severity"]] <= floor]
    hidden = len(shown) - len(rows)
    rows = by_priority(
        rows,
        then=lambda f: (
            _STATUS_RANK[f["status"]],
            _SEVERITY_RANK[f["severity"]],
            f["policy_id"],
            f["resource"]["account"],
            f["resource"]["id"],
        ),
    )
    if rows:
        ranked = any(f.get("priority") for f in rows)
        prio_w = 14 if ranked else 0
        pid_w = max(len(f["policy_id"]) for f in rows) + 2
        acct_w = max(len(f["resource"]["account"]) for f in rows) + 2
        indent = 18 + prio_w + pid_w + acct_w
        prio_head = f"{'PRIORITY':<{prio_w}}" if ranked else ""
        lines.append("")
        lines.append(
            f"{prio_head}{'STATUS':<8}{'SEVERITY':<10}{'POLICY':<{pid_w}}"
            f"{'ACCOUNT':<{acct_w}}RESOURCE"
        )
        lines.append("-" * min(width, 120))
        for f in rows:
            res = f["resource"]
            name = res["name"] or res["id"]
            prio = f.get("priority")
            cell = f"{prio['level']} {prio['score']}" if prio else "-"
            prio_cell = f"{cell:<{prio_w}}" if ranked else ""
            lines.append(
                f"{prio_cell}{f['status']:<8}{f['severity']:<10}{f['policy_id']:<{pid_w}}"
                f"{res['account']:<{acct_w}}{res['type']} {_clip(name, width - indent)}"
            )
            if f["message"]:
                lines.append(f"{'':<{indent}}{_clip(f['message'], max(width - indent, 60))}")
    if hidden:
        lines.append(f"... and {hidden} failing result(s) below {min_severity}, in the full report")
    return "\n".join(lines) + "\n"


def _clip(text: str, width: int) -> str:
    width = max(width, 20)
    return text if len(text) <= width else text[: width - 1] + "…"
