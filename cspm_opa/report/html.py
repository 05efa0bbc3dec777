"""The assessment report as one self-contained HTML page with charts.

Charts are inline SVG; the only script filters the findings table. Nothing is fetched:
the page renders the same offline, in a mail attachment, or in a CI artifact viewer.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from cspm_opa.report.data import ReportData, report_data
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
        "<div class='card'><ul>" + "".join(
            f"<li class='compliance'>{escape(c.line)}</li>" for c in d.compliance
        ) + "</ul></div></div>",
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


def _findings(result: Mapping[str, Any]) -> str:
    rows = [f for f in result["findings"] if f["status"] != "PASS"]
    shown = rows[:MAX_ROWS]
    note = (f"<p class='muted'>Showing {len(shown)} of {len(rows)}; the JSON result has all.</p>"
            if len(rows) > len(shown) else "")  # fmt: skip
    table = _table(
        ["Status", "Severity", "Check", "Account", "Resource", "Message"],
        [[_td(f["status"], f["status"]), _td(f["severity"]), _td(f["policy_id"]),
          _td(f["resource"]["account"]), _td(f["resource"]["name"] or f["resource"]["id"]),
          _td(f["message"])] for f in shown],
        table_id="findings",
    )  # fmt: skip
    return (
        "<h2>Findings (FAIL, UNKNOWN, WAIVED)</h2>"
        "<input id='filter' type='search' placeholder='Filter findings'>" + note + table
    )
