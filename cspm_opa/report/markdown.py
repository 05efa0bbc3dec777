"""The assessment report as Markdown, for pull-request and merge-request comments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.report.compliance import compliance_note
from cspm_opa.report.data import ReportData, report_data

__all__ = ["render_markdown"]


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _score(score: int | None) -> str:
    return "n/a" if score is None else f"{score}/100"


def render_markdown(result: Mapping[str, Any]) -> str:
    d = report_data(result)
    title = d.title
    out = [f"## {title}", ""]
    providers = d.providers_line
    out += [
        f"**Posture score: {_score(d.posture_score)}** · Providers: {providers} · "
        f"Checks run: {d.checks} · Generated {d.generated_at}",
        "",
        "| Status | Count |", "|---|---:|",
        *(f"| {k} | {v} |" for k, v in d.by_status.items()),
        "",
        "| Failing by severity | Count |", "|---|---:|",
        *(f"| {k} | {v} |" for k, v in d.by_severity.items()),
        "",
    ]  # fmt: skip
    out += _attack_paths(d)
    out += ["### Compliance", ""]
    if note := compliance_note(d.compliance):
        out += [f"*{_md(note)}*", ""]
    for row in d.compliance:
        out.append(f"- {_md(row.headline)}")
        if row.mapped_line:
            out.append(f"  - {_md(row.mapped_line)}")
        out.extend(f"  - {_md(line)}" for line in row.account_lines() if len(row.accounts) > 1)
    if not d.compliance:
        out.append("- no framework in scope")
    if d.top_priority:
        out += ["", "### Top findings by priority", ""]
        out += ["| Priority | Score | Status | Check | Account | Resource | Attack paths |",
                "|---|---:|---|---|---|---|---:|"]  # fmt: skip
        out += [
            f"| {r.level} | {r.score} | {r.status} | `{r.policy_id}` | `{_cell(r.account)}` | "
            f"{_cell(r.resource)} | {r.paths} |"
            for r in d.top_priority
        ]
    if d.top_failing:
        out += ["", "### Top failing checks", ""]
        out += ["| Severity | Check | Title | Resources | Accounts |", "|---|---|---|---:|---:|"]
        out += [
            f"| {c.severity} | `{c.policy_id}` | {_cell(c.title)} | {c.failing} | {c.accounts} |"
            for c in d.top_failing
        ]
    out += ["", "### Accounts", "",
            "| Provider | Account | Name | Environment | Criticality | Posture | Failing |",
            "|---|---|---|---|---|---:|---:|"]  # fmt: skip
    out += [
        f"| {a.provider} | `{a.account}` | {_cell(a.name)} | {_cell(a.environment)} | "
        f"{a.criticality} | {_score(a.posture_score)} | {a.failing} |"
        for a in d.accounts
    ]
    if d.waivers:
        out += ["", "<details><summary>Waivers</summary>", "",
                "| State | Policy | Resource | Account | Reason | Owner | Expires | Matched |",
                "|---|---|---|---|---|---|---|---:|"]  # fmt: skip
        out += [
            f"| {w['state']} | `{_cell(w['policy'])}` | `{_cell(w['resource'])}` | "
            f"`{_cell(w['account'])}` | {_cell(w['reason'])} | {_cell(w['owner'])} | "
            f"{w['expires']} | {w['matched']} |"
            for w in d.waivers
        ]
        out += ["", "</details>"]
    if d.coverage:
        out += ["", "<details><summary>Coverage gaps</summary>", ""]
        out += [
            f"- {g['provider']}:{g['account']} `{g['service']}` in {g['region']}: {g['status']}"
            + (f" ({_cell(g['detail'])})" if g.get("detail") else "")
            for g in d.coverage
        ]
        out += ["", "</details>"]
    return "\n".join(out) + "\n"


def _attack_paths(d: ReportData) -> list[str]:
    """### Top attack paths: a numbered chain per path, its facts, and what was not
    collected when it is only possible."""
    if not d.attack_paths:
        return []
    out = ["### Top attack paths", ""]
    for i, g in enumerate(d.attack_paths, 1):
        chain = " -> ".join(
            f"**{_md(n.name)}**" + (f" ({_md(n.short_why)})" if n.short_why else "")
            for n in g.chain
        )
        tag = " *(possible)*" if g.possible else ""
        out.append(f"{i}. {chain}{tag}  ")
        out.append(f"   {_md(g.title)} `{g.rule}` · {g.facts_line}" + ("  " if g.possible else ""))
        if g.possible:
            out.append(f"   {_md(g.possible_line)}")
    if d.more_paths:
        out += ["", f"… and {d.more_paths} more attack path(s) in the JSON result."]
    return [*out, ""]


def _md(text: str) -> str:
    """Text safe inside Markdown prose (no emphasis, links or HTML by accident)."""
    return "".join("\\" + c if c in "\\`*_[]<>|#" else c for c in text).replace("\n", " ")
