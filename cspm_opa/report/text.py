"""The assessment report for a terminal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.report.compliance import compliance_note
from cspm_opa.report.data import ReportData, report_data

__all__ = ["render_text"]


def _score(score: int | None) -> str:
    return "n/a" if score is None else f"{score}/100"


def render_text(result: Mapping[str, Any]) -> str:
    """The assessment report: posture, severities, top failing checks, compliance,
    accounts, waivers and coverage gaps, all from one scan result."""
    d = report_data(result)
    out: list[str] = []
    title = d.title
    out += [title, "=" * len(title), f"Generated {d.generated_at}"]
    providers = d.providers_line
    out += [f"Providers: {providers}", f"Checks run: {d.checks}", ""]
    out.append(f"Posture score: {_score(d.posture_score)}")
    out.append("Results: " + ", ".join(f"{k} {v}" for k, v in d.by_status.items()))
    out.append("Failing by severity: " + ", ".join(f"{k} {v}" for k, v in d.by_severity.items()))
    out += _attack_paths(d)
    out += ["", "Compliance"]
    if note := compliance_note(d.compliance):
        out.append(f"  ({note})")
    for row in d.compliance:
        out.append(f"  {row.headline}")
        if row.mapped_line:
            out.append(f"    {row.mapped_line}")
        out.extend(f"      {line}" for line in row.account_lines() if len(row.accounts) > 1)
    if not d.compliance:
        out.append("  (no framework in scope)")
    if d.top_priority:
        out += ["", "Top findings by priority"]
        for r in d.top_priority:
            on = f"  on {r.paths} attack path(s)" if r.paths else ""
            out.append(
                f"  {r.level:<9}{r.score:>3}  {r.status:<8}{r.policy_id:<22}{r.account} "
                f"{r.resource}{on}"
            )
    if d.top_failing:
        out += ["", "Top failing checks"]
        for c in d.top_failing:
            out.append(
                f"  {c.severity:<9}{c.policy_id:<22}{c.failing:>4} resource(s) in "
                f"{c.accounts} account(s)  {c.title}"
            )
    out += ["", "Accounts"]
    for a in d.accounts:
        out.append(
            f"  {a.provider:<6}{a.account:<38}{a.name[:24]:<26}{a.environment[:12]:<14}"
            f"{a.criticality:<10}score {_score(a.posture_score):<8} {a.failing} failing"
        )
    if d.waivers:
        out += ["", "Waivers"]
        for w in d.waivers:
            out.append(
                f"  [{w['state']}] {w['policy']} on {w['resource']} in {w['account']}: "
                f"{w['reason']} (owner {w['owner']}, expires {w['expires']}, "
                f"matched {w['matched']})"
            )
    if d.coverage:
        out += ["", "Coverage gaps (checks that needed this data are UNKNOWN)"]
        for g in d.coverage:
            detail = f": {g['detail']}" if g.get("detail") else ""
            out.append(f"  {g['provider']}:{g['account']} {g['service']} in {g['region']} "
                       f"{g['status']}{detail}")  # fmt: skip
    return "\n".join(out) + "\n"


def _attack_paths(d: ReportData) -> list[str]:
    """The TOP ATTACK PATHS section: a chain per path (grouped across accounts)."""
    if not d.attack_paths:
        return []
    out = ["", "TOP ATTACK PATHS"]
    for i, g in enumerate(d.attack_paths, 1):
        out.append(f"{i:>2}. {g.chain_line}")
        out.append(f"    {g.title} [{g.rule}]")
        out.append(f"    {g.facts_line}")
        if g.possible:
            out.append(f"    {g.possible_line}")
    if d.more_paths:
        out.append(f"    ... and {d.more_paths} more attack path(s) in the JSON result")
    return out
