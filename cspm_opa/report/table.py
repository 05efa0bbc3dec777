"""The terminal table: a summary, then the failing and unknown results, worst first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["render_table"]

_SEVERITY_RANK = {"CRITICAL": 0, "HIGH": 1, "MEDIUM": 2, "LOW": 3, "INFO": 4}
_STATUS_RANK = {"FAIL": 0, "UNKNOWN": 1, "WAIVED": 2, "PASS": 3}


def render_table(result: Mapping[str, Any], *, show_pass: bool = False, width: int = 140) -> str:
    """Render a scan result (schemas/scan_result.json) for a terminal."""
    lines: list[str] = []
    scope = result["scope"]
    lines.append(
        f"Scanned {len(scope)} account(s): "
        + ", ".join(f"{s['provider']}:{s.get('name') or s['account']}" for s in scope)
    )
    by_status = result["summary"]["by_status"]
    lines.append(
        "Results: "
        + ", ".join(f"{k} {v}" for k, v in by_status.items())
        + f"   Posture score: {_score(result.get('posture_score'))}"
    )
    failing = result["summary"]["by_severity"]
    lines.append("Failing by severity: " + ", ".join(f"{k} {v}" for k, v in failing.items()))
    for key, fw in result["compliance"].items():
        pct = "n/a" if fw["percent"] is None else f"{fw['percent']:.0f}%"
        lines.append(f"  {key}: {pct} ({fw['passing']}/{fw['assessed']} mapped controls passing)")
    rows = [f for f in result["findings"] if show_pass or f["status"] in ("FAIL", "UNKNOWN")]
    rows.sort(
        key=lambda f: (
            _STATUS_RANK[f["status"]],
            _SEVERITY_RANK[f["severity"]],
            f["policy_id"],
            f["resource"]["account"],
            f["resource"]["id"],
        )
    )
    if rows:
        pid_w = max(len(f["policy_id"]) for f in rows) + 2
        acct_w = max(len(f["resource"]["account"]) for f in rows) + 2
        indent = 18 + pid_w + acct_w
        lines.append("")
        lines.append(
            f"{'STATUS':<8}{'SEVERITY':<10}{'POLICY':<{pid_w}}{'ACCOUNT':<{acct_w}}RESOURCE"
        )
        lines.append("-" * min(width, 120))
        for f in rows:
            res = f["resource"]
            name = res["name"] or res["id"]
            lines.append(
                f"{f['status']:<8}{f['severity']:<10}{f['policy_id']:<{pid_w}}"
                f"{res['account']:<{acct_w}}{res['type']} {_clip(name, width - indent)}"
            )
            if f["message"]:
                lines.append(f"{'':<{indent}}{_clip(f['message'], max(width - indent, 60))}")
    if result["coverage"]:
        lines.append("")
        lines.append("Not collected (checks reading these are UNKNOWN):")
        for gap in result["coverage"]:
            detail = f": {gap['detail']}" if gap.get("detail") else ""
            lines.append(
                f"  {gap['provider']}:{gap['account']} {gap['service']} in {gap['region']} "
                f"{gap['status']}{detail}"
            )
    return "\n".join(lines) + "\n"


def _score(score: int | None) -> str:
    return "n/a" if score is None else f"{score}/100"


def _clip(text: str, width: int) -> str:
    width = max(width, 20)
    return text if len(text) <= width else text[: width - 1] + "…"
