"""The assessment report as one self-contained HTML page with charts.

Charts and the attack-path chains are inline SVG and CSS; the only script filters the
findings table. Nothing is fetched:
the page renders the same offline, in a mail attachment, or in a CI artifact viewer.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from cspm_opa.report.compliance import compliance_note
from cspm_opa.report.data import ChainNode, PathGroup, ReportData, by_priority, report_data
from cspm_opa.report.svg import hbar_chart, vbar_chart

__all__ = ["render_html"]

SEVERITY_COLOURS = {"CRITICAL": "#7b1fa2", "HIGH": "#c62828", "MEDIUM": "#ef6c00",
                    "LOW": "#f9a825", "INFO": "#607d8b"}  # fmt: skip
MAX_ROWS = 2000

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#222}
h1{margin-bottom:4px} .muted{color:#666} .score{font-size:40px;font-weight:700}
.grid{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.card{border:1px solid #ddd;border-radius:8px;padding:12px 16px;background:#fafafa}
table{border-collapse:collapse;margin:8px 0 24px;font-size:13px}
th,td{border-bottom:1px solid #e5e5e5;padding:4px 10px;text-align:left;vertical-align:top}
th{background:#f0f0f0} td.num{text-align:right}
.FAIL{color:#c62828;font-weight:600} .PASS{color:#2e7d32} .UNKNOWN{color:#6d4c41}
.WAIVED{color:#1565c0} input{padding:4px 8px;width:320px}
ol.paths{padding-left:24px} li.path{margin:0 0 18px}
.path-head{font-weight:600;margin-bottom:6px}
.badge{display:inline-block;border-radius:4px;padding:1px 6px;color:#fff;font-size:12px;
  margin-right:6px} .badge.possible{background:#fff;color:#6d4c41;border:1px dashed #6d4c41}
.chain{display:flex;flex-wrap:wrap;align-items:center;gap:4px 0}
.node{border:2px solid #90a4ae;border-radius:8px;padding:6px 10px;background:#fff;
  max-width:240px;font-size:13px;box-sizing:border-box}
.node .name{font-weight:600;word-break:break-all} .node .type,.node .why{font-size:11px}
.node .type{color:#666} .node.entry{background:#263238;border-color:#263238;color:#fff}
.node.target{color:#fff} .node.target .type{color:#eee}
.node.unknown{border-style:dashed} .arrow{flex:none;margin:0 2px}
.facts,.path .muted{margin-top:6px;font-size:13px}
.node.target.LOW,.node.target.LOW .type{color:#222}
"""

_SCRIPT = """
(function () {
  var charts = document.querySelectorAll('svg.chart');
  document.documentElement.setAttribute('data-charts', String(charts.length));
  var box = document.getElementById('filter');
  if (!box) { return; }
  box.addEventListener('input', function () {
    var q = box.value.toLowerCase();
    document.querySelectorAll('#findings tbody tr').forEach(function (tr) {
      tr.style.display = tr.textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
    });
  });
})();
"""


def _score(score: int | None) -> str:
    return "n/a" if score is None else f"{score}/100"


def _table(headers: list[str], rows: list[list[str]], *, table_id: str = "") -> str:
    ident = f' id="{table_id}"' if table_id else ""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(rows_cells) + "</tr>" for rows_cells in rows)
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _td(value: object, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{escape(str(value))}</td>"


def _charts(d: ReportData) -> str:
    severity = vbar_chart(
        "Failing results by severity",
        [(s, d.by_severity[s], SEVERITY_COLOURS[s]) for s in d.by_severity],
    )
    compliance = hbar_chart(
        "Compliance per framework", [(c.label, c.percent, "#1565c0") for c in d.compliance]
    )
    accounts = hbar_chart(
        "Posture score per account",
        [(f"{a.provider}:{a.name}", a.posture_score, "#2e7d32") for a in d.accounts],
        suffix="",
    )
    return f'<div class="grid">{severity}{compliance}{accounts}</div>'


def _compliance(d: ReportData) -> str:
    """The compliance card: each framework's headline, its mapped share, and (with more
    than one account) each account's line."""
    items = []
    for c in d.compliance:
        sub = [f"<li class='mapped'>{escape(c.mapped_line)}</li>"] if c.mapped_line else []
        if len(c.accounts) > 1:
            sub += [f"<li class='account'>{escape(line)}</li>" for line in c.account_lines()]
        nested = f"<ul>{''.join(sub)}</ul>" if sub else ""
        items.append(f"<li class='compliance'>{escape(c.headline)}{nested}</li>")
    note = compliance_note(d.compliance)
    note_html = f"<p class='muted'>{escape(note)}</p>" if note else ""
    return f"<div class='card'><ul>{''.join(items)}</ul>{note_html}</div>"


def render_html(result: Mapping[str, Any]) -> str:
    d = report_data(result)
    title = d.title
    providers = d.providers_line
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p class='muted'>Generated {escape(d.generated_at)} · Providers: {escape(providers)} · "
        f"Checks run: {d.checks}</p>",
        "<div class='grid'>",
        f"<div class='card'><div class='muted'>Posture score</div>"
        f"<div class='score' id='posture'>{_score(d.posture_score)}</div></div>",
        "<div class='card'>" + _table(
            ["Status", "Results"], [[_td(k, k), _td(v, "num")] for k, v in d.by_status.items()]
        ) + "</div>",
        _compliance(d),
        "</div>",
        _attack_paths(d),
        "<h2>Charts</h2>",
        _charts(d),
    ]  # fmt: skip
    if d.top_failing:
        parts.append("<h2>Top failing checks</h2>")
        parts.append(_table(
            ["Severity", "Check", "Title", "Resources", "Accounts"],
            [[_td(c.severity), _td(c.policy_id), _td(c.title), _td(c.failing, "num"),
              _td(c.accounts, "num")] for c in d.top_failing],
        ))  # fmt: skip
    parts.append("<h2>Accounts</h2>")
    parts.append(_table(
        ["Provider", "Account", "Name", "Environment", "Criticality", "Resources", "Posture",
         "Failing"],
        [[_td(a.provider), _td(a.account), _td(a.name), _td(a.environment), _td(a.criticality),
          _td(a.resources, "num"), _td(_score(a.posture_score), "num"), _td(a.failing, "num")]
         for a in d.accounts],
    ))  # fmt: skip
    if d.waivers:
        parts.append("<h2>Waivers</h2>")
        parts.append(_table(
            ["State", "Policy", "Resource", "Account", "Reason", "Owner", "Expires", "Matched"],
            [[_td(w["state"]), _td(w["policy"]), _td(w["resource"]), _td(w["account"]),
              _td(w["reason"]), _td(w["owner"]), _td(w["expires"]), _td(w["matched"], "num")]
             for w in d.waivers],
        ))  # fmt: skip
    if d.coverage:
        parts.append("<h2>Coverage gaps</h2><p class='muted'>Checks that needed this data "
                     "report UNKNOWN.</p>")  # fmt: skip
        parts.append(_table(
            ["Provider", "Account", "Service", "Region", "Status", "Detail"],
            [[_td(g["provider"]), _td(g["account"]), _td(g["service"]), _td(g["region"]),
              _td(g["status"]), _td(g.get("detail", ""))] for g in d.coverage],
        ))  # fmt: skip
    parts.append(_findings(result))
    parts.append(f"<script>{_SCRIPT}</script></body></html>")
    return "".join(parts) + "\n"


def _arrow(unknown: str) -> str:
    """A right arrow between two boxes; dashed (with the reason) when the edge or the
    node it leads to was not collected."""
    dash = ' stroke-dasharray="4 3"' if unknown else ""
    title = f"<title>not collected: {escape(unknown)}</title>" if unknown else ""
    cls = "arrow unknown" if unknown else "arrow"
    return (
        f'<svg class="{cls}" width="34" height="16" viewBox="0 0 34 16" aria-hidden="true" '
        f'xmlns="http://www.w3.org/2000/svg">{title}<line x1="1" y1="8" x2="24" y2="8" '
        f'stroke="#455a64" stroke-width="2"{dash}/>'
        f'<polygon points="24,3 33,8 24,13" fill="#455a64"/></svg>'
    )


def _node(n: ChainNode, risk: str) -> str:
    cls = f"node {n.kind}" + (f" {risk}" if n.kind == "target" else "")
    cls += " unknown" if n.not_collected else ""
    style = ""
    if n.kind == "target":
        colour = SEVERITY_COLOURS.get(risk, "#607d8b")
        style = f' style="background:{colour};border-color:{colour}"'
    elif n.kind == "step":
        style = f' style="border-color:{SEVERITY_COLOURS.get(risk, "#90a4ae")}"'
    hint = f"{n.why} (not collected: {n.not_collected})" if n.not_collected else n.why
    title = f' title="{escape(hint)}"' if hint and n.kind != "entry" else ""
    inner = f"<div class='name'>{escape(n.name)}</div>"
    if n.kind != "entry":
        inner += f"<div class='type'>{escape(n.type)}</div>"
        if n.short_why:
            inner += f"<div class='why'>{escape(n.short_why)}</div>"
    return f'<div class="{cls}"{style}{title}>{inner}</div>'


def _path(g: PathGroup) -> str:
    colour = SEVERITY_COLOURS.get(g.risk, "#607d8b")
    boxes = [_node(g.chain[0], g.risk)]
    for n in g.chain[1:]:
        boxes.append(_arrow(n.not_collected))
        boxes.append(_node(n, g.risk))
    possible = "<span class='badge possible'>possible</span>" if g.possible else ""
    note = f"<div class='muted'>{escape(g.possible_line)}</div>" if g.possible else ""
    return (
        f'<li class="path{" possible" * g.possible}" data-risk="{escape(g.risk)}" '
        f'data-paths="{escape(" ".join(g.ids))}">'
        f"<div class='path-head'><span class='badge' style='background:{colour}'>"
        f"{escape(g.risk.title())}</span>{possible}{escape(g.title)} "
        f"<code>{escape(g.rule)}</code></div>"
        f"<div class='chain' aria-label='{escape(g.chain_line)}'>{''.join(boxes)}</div>"
        f"<div class='facts' title='Accounts: {escape(', '.join(g.accounts))}'>"
        f"{escape(g.facts_line)} | Findings on the path: {g.findings}</div>"
        f"{note}</li>"
    )  # fmt: skip


def _attack_paths(d: ReportData) -> str:
    if not d.attack_paths:
        return ""
    more = (f"<p class='muted'>… and {d.more_paths} more attack path(s) in the JSON result.</p>"
            if d.more_paths else "")  # fmt: skip
    items = "".join(_path(g) for g in d.attack_paths)
    return (
        "<section id='attack-paths'><h2>Top attack paths</h2>"
        f"<ol class='paths'>{items}</ol>{more}</section>"
    )


def _priority(f: Mapping[str, Any]) -> str:
    prio = f.get("priority")
    if not prio:
        return "-"
    n = len(prio.get("factors", {}).get("attack_paths", []))
    on = f" · {n} path{'s' * (n != 1)}" if n else ""
    return f"{prio['level']} {prio['score']}{on}"


def _findings(result: Mapping[str, Any]) -> str:
    rows = by_priority(f for f in result["findings"] if f["status"] != "PASS")
    shown = rows[:MAX_ROWS]
    ranked = any(f.get("priority") for f in rows)
    note = (f"<p class='muted'>Showing {len(shown)} of {len(rows)}; the JSON result has all.</p>"
            if len(rows) > len(shown) else "")  # fmt: skip
    table = _table(
        ["Priority"] * ranked + ["Status", "Severity", "Check", "Account", "Resource", "Message"],
        [[_td(_priority(f))] * ranked +
         [_td(f["status"], f["status"]), _td(f["severity"]), _td(f["policy_id"]),
          _td(f["resource"]["account"]), _td(f["resource"]["name"] or f["resource"]["id"]),
          _td(f["message"])] for f in shown],
        table_id="findings",
    )  # fmt: skip
    return (
        "<h2>Findings (FAIL, UNKNOWN, WAIVED)</h2>"
        "<input id='filter' type='search' placeholder='Filter findings'>" + note + table
    )
