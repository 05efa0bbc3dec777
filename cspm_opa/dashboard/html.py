"""The dashboard as one self-contained HTML page: inline SVG charts and CSS, one small
script that counts the charts; nothing is fetched, so it opens the same offline."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from cspm_opa.dashboard.data import AGE_BUCKETS, SEVERITIES, DashboardData, ScanPoint
from cspm_opa.report.html import SEVERITY_COLOURS
from cspm_opa.report.svg import hbar_chart

__all__ = ["render_dashboard"]

PALETTE = ("#1565c0", "#2e7d32", "#ef6c00", "#7b1fa2", "#00838f", "#6d4c41", "#c2185b")
NEW, RESOLVED, OPEN = "#c62828", "#2e7d32", "#455a64"

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#222}
h1{margin-bottom:4px} .muted{color:#666} .score{font-size:40px;font-weight:700}
.grid{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.card{border:1px solid #ddd;border-radius:8px;padding:12px 16px;background:#fafafa}
table{border-collapse:collapse;margin:8px 0 24px;font-size:13px}
th,td{border-bottom:1px solid #e5e5e5;padding:4px 10px;text-align:left;vertical-align:top}
th{background:#f0f0f0} td.num{text-align:right} svg.chart{background:#fff}
details{margin:0 0 16px} summary{cursor:pointer;color:#1565c0}
"""

_SCRIPT = """
(function () {
  var charts = document.querySelectorAll('svg.chart');
  document.documentElement.setAttribute('data-charts', String(charts.length));
})();
"""


def render_dashboard(d: DashboardData) -> str:
    """The page for ``d`` (see :func:`cspm_opa.dashboard.dashboard_data`)."""
    title = "Cloud security posture over time"
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{title}</title><style>{_CSS}</style></head><body>",
        f"<h1>{title}</h1>",
    ]
    if not d.scans:
        parts.append("<p class='muted' id='empty'>No scans are recorded in this store yet.</p>")
        return "".join(parts) + f"<script>{_SCRIPT}</script></body></html>\n"
    parts.append(
        f"<p class='muted'>{len(d.full_scans)} scan(s) and "
        f"{len(d.scans) - len(d.full_scans)} event evaluation(s) recorded; as of the latest, "
        f"{escape(d.as_of or '')}</p>"
    )
    parts.append(_headline(d))
    parts.append("<h2>Posture and compliance over time</h2><div class='grid'>")
    full = d.full_scans
    parts.append(line_chart("Posture score", [_label(s) for s in full],
                            [("posture", [s.posture_score for s in full], PALETTE[0])],
                            maximum=100, chart_id="chart-posture"))  # fmt: skip
    parts.append(line_chart(
        "Compliance % per framework", [_label(s) for s in full],
        [(f, [s.compliance.get(f) for s in full], PALETTE[i % len(PALETTE)])
         for i, f in enumerate(d.frameworks)],
        maximum=100, suffix="%", chart_id="chart-compliance",
    ))  # fmt: skip
    parts.append("</div>")
    parts.append(_table(
        ["Scan", "Generated", "Posture", *d.frameworks],
        [[str(s.id), s.generated_at, _n(s.posture_score),
          *(_n(s.compliance.get(f), "%") for f in d.frameworks)] for s in full],
        table_id="trend", numeric_from=2, collapsed="Posture and compliance per scan",
    ))  # fmt: skip
    parts.append("<h2>New, resolved and open FAILs per scan</h2><div class='grid'>")
    labels = [_label(s) for s in d.scans]
    parts.append(grouped_bars("New and resolved FAILs", labels,
                              [("new or regressed", [s.new for s in d.scans], NEW),
                               ("resolved", [s.resolved for s in d.scans], RESOLVED)],
                              chart_id="chart-changes"))  # fmt: skip
    parts.append(line_chart("Open FAILs after each scan", labels,
                            [("open", [s.open for s in d.scans], OPEN)],
                            chart_id="chart-open"))  # fmt: skip
    parts.append("</div>")
    parts.append(_table(
        ["Scan", "Kind", "Generated", "New or regressed", "Resolved", "Open"],
        [[str(s.id), s.kind, s.generated_at, str(s.new), str(s.resolved), str(s.open)]
         for s in d.scans],
        table_id="changes", numeric_from=3, collapsed="FAILs per scan",
    ))  # fmt: skip
    parts.append("<h2>Time to resolve, and what is still open</h2><div class='grid'>")
    top = max((v for v in d.mttr_days.values() if v is not None), default=0) or 1
    parts.append(hbar_chart(
        "Mean time to resolve by severity (days)",
        [(f"{s} ({d.resolved_counts.get(s, 0)} resolved)", d.mttr_days.get(s),
          SEVERITY_COLOURS[s]) for s in SEVERITIES],
        maximum=top * 1.15, suffix=" d",
    ).replace('<svg class="chart"', '<svg class="chart" id="chart-mttr"', 1))  # fmt: skip
    parts.append(stacked_bars(
        "Open CRITICAL and HIGH FAILs by age", [label for label, _ in AGE_BUCKETS],
        [(sev, [d.age_buckets[label][sev] for label, _ in AGE_BUCKETS], SEVERITY_COLOURS[sev])
         for sev in ("CRITICAL", "HIGH")],
        chart_id="chart-age",
    ))  # fmt: skip
    parts.append("</div>")
    parts.append(_table(
        ["Severity", "Resolved", "Mean days to resolve"],
        [[s, str(d.resolved_counts.get(s, 0)), _n(d.mttr_days.get(s))] for s in SEVERITIES],
        table_id="mttr", numeric_from=1,
    ))  # fmt: skip
    if d.oldest_open:
        parts.append("<h3>Oldest open CRITICAL and HIGH FAILs</h3>")
        parts.append(_table(
            ["Severity", "Check", "Provider", "Account", "Resource", "Failing since", "Days"],
            [[f.severity, f.policy_id, f.provider, f.account, f.resource_id, f.failing_since,
              f"{f.age_days:g}"] for f in d.oldest_open],
            table_id="oldest", numeric_from=6,
        ))  # fmt: skip
    parts.append(f"<h2>Top accounts by risk</h2><p class='muted'>Ranked by "
                 f"{escape(d.ranked_by)}{_ranking_note(d)}.</p>")  # fmt: skip
    parts.append(_table(
        ["Provider", "Account", "Risk (sum of priority)", "Top priority", "Open FAILs",
         "CRITICAL/HIGH", "Posture (latest scan)"],
        [[a.provider, a.account, _n(a.risk), a.top_priority or "", str(a.open_fails),
          str(a.critical_high), _n(a.posture_score)] for a in d.accounts],
        table_id="accounts", numeric_from=2,
    ))  # fmt: skip
    parts.append(f"<script>{_SCRIPT}</script></body></html>")
    return "".join(parts) + "\n"


def _headline(d: DashboardData) -> str:
    latest = d.full_scans[-1] if d.full_scans else None
    open_now = d.scans[-1].open
    critical_high = sum(sum(b.values()) for b in d.age_buckets.values())
    cards = [
        ("Posture score", _n(latest.posture_score if latest else None, "/100"), "posture"),
        ("Open FAILs", str(open_now), "open"),
        ("Open CRITICAL and HIGH", str(critical_high), "open-critical-high"),
    ]
    html = "".join(
        f"<div class='card'><div class='muted'>{escape(name)}</div>"
        f"<div class='score' id='{ident}'>{escape(value)}</div></div>"
        for name, value, ident in cards
    )
    if latest is not None and d.frameworks:
        html += "<div class='card'><ul>" + "".join(
            f"<li class='compliance'>{escape(f)}: {_n(latest.compliance.get(f), '%')}</li>"
            for f in d.frameworks
        ) + "</ul></div>"  # fmt: skip
    return f"<div class='grid'>{html}</div>"


def _ranking_note(d: DashboardData) -> str:
    if d.ranked_by == "priority":
        return ": the sum of the priority scores of each account's open FAILs"
    return " (lowest first): no open FAIL carries a priority"


def _label(s: ScanPoint) -> str:
    return f"#{s.id} {s.generated_at[:10]}" + (" (event)" if s.kind == "event" else "")


def _n(value: float | None, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:g}{suffix}"


def _table(
    headers: list[str],
    rows: list[list[str]],
    *,
    table_id: str,
    numeric_from: int = 99,
    collapsed: str = "",
) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    num = ' class="num"'
    body = "".join(
        "<tr>" + "".join(
            f"<td{num if i >= numeric_from else ''}>{escape(v)}</td>" for i, v in enumerate(row)
        ) + "</tr>"
        for row in rows
    )  # fmt: skip
    table = f"<table id='{table_id}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    if collapsed:
        return f"<details><summary>{escape(collapsed)}</summary>{table}</details>"
    return table


# -- inline SVG charts -------------------------------------------------------------------

_W, _H = 560, 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 12, 28, 56


def _frame(
    title: str, chart_id: str, top: float, suffix: str, legend: Sequence[tuple[str, str]]
) -> list[str]:
    plot_h = _H - _TOP - _BOTTOM
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" aria-label="{escape(title)}" '
        f'width="{_W}" height="{_H}" viewBox="0 0 {_W} {_H}" xmlns="http://www.w3.org/2000/svg">',
        f'<text x="8" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for i in range(5):
        value = top * i / 4
        y = _TOP + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{_W - _RIGHT}" y2="{y:.1f}" stroke="#e5e5e5"/>'
            f'<text x="{_LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="10">'
            f"{value:.3g}{escape(suffix)}</text>"
        )
    x = float(_W - _RIGHT)
    for name, colour in reversed(legend):
        x -= 14 + 6.8 * len(name)
        parts.append(
            f'<rect x="{x:.1f}" y="7" width="9" height="9" fill="{colour}"/>'
            f'<text x="{x + 12:.1f}" y="16" font-size="11">{escape(name)}</text>'
        )
    return parts


def _xlabels(labels: Sequence[str], xs: Sequence[float]) -> str:
    step = max(1, -(-len(labels) // 8))
    out = []
    for i in range(0, len(labels), step):
        head, _, tail = labels[i].partition(" ")
        out.append(
            f'<text x="{xs[i]:.1f}" y="{_H - _BOTTOM + 16}" text-anchor="middle" '
            f'font-size="10">{escape(head)}</text>'
            f'<text x="{xs[i]:.1f}" y="{_H - _BOTTOM + 28}" text-anchor="middle" '
            f'font-size="9" fill="#666">{escape(tail)}</text>'
        )
    return "".join(out)


def _top(series: Sequence[Sequence[float | None]], maximum: float | None) -> float:
    if maximum is not None:
        return maximum
    peak = max((v for s in series for v in s if v is not None), default=0)
    return _nice(peak)


def _nice(peak: float) -> float:
    """A top for a count axis: above the peak, four whole-numbered steps."""
    return float(max(4, math.ceil(peak * 1.1 / 4) * 4))


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], str]],
    *,
    maximum: float | None = None,
    suffix: str = "",
    chart_id: str = "",
) -> str:
    """One line per series over evenly spaced points (None leaves a gap); a single
    point is drawn as a dot."""
    top = _top([v for _, v, _ in series], maximum)
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    n = len(labels)
    xs = [_LEFT + plot_w * ((i + 0.5) / n) for i in range(n)]
    parts = _frame(
        title, chart_id, top, suffix, [(s, c) for s, _, c in series] if len(series) > 1 else []
    )
    for name, values, colour in series:
        points = [(xs[i], _TOP + plot_h - plot_h * min(v, top) / top, v, labels[i])
                  for i, v in enumerate(values) if v is not None]  # fmt: skip
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
            parts.append(f'<polyline class="line" fill="none" stroke="{colour}" stroke-width="2" '
                         f'points="{path}"/>')  # fmt: skip
        for x, y, v, label in points:
            parts.append(f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}">'
                         f"<title>{escape(name)} {escape(label)}: {v:g}{escape(suffix)}</title>"
                         "</circle>")  # fmt: skip
    parts.append(_xlabels(labels, xs))
    parts.append("</svg>")
    return "".join(parts)


def _bars(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str]],
    *,
    stacked: bool,
    chart_id: str,
) -> str:
    if stacked:
        top = _nice(max((sum(vals) for vals in zip(*(v for _, v, _ in series), strict=True)),
                        default=0))  # fmt: skip
    else:
        top = _top([v for _, v, _ in series], None)
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    n = max(len(labels), 1)
    slot = plot_w / n
    xs = [_LEFT + slot * (i + 0.5) for i in range(len(labels))]
    parts = _frame(title, chart_id, top, "", [(s, c) for s, _, c in series])
    width = slot * 0.7 / (1 if stacked else len(series))
    for i in range(len(labels)):
        base = 0.0
        for k, (name, values, colour) in enumerate(series):
            value = values[i]
            h = plot_h * value / top
            x = xs[i] - slot * 0.35 + (0 if stacked else k * width)
            y = _TOP + plot_h - h - (plot_h * base / top if stacked else 0)
            parts.append(f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
                         f'height="{h:.1f}" fill="{colour}"><title>{escape(labels[i])}: '
                         f"{escape(name)} {value:g}</title></rect>")  # fmt: skip
            if stacked:
                base += value
    parts.append(_xlabels(labels, xs) if not stacked else "".join(
        f'<text x="{x:.1f}" y="{_H - _BOTTOM + 16}" text-anchor="middle" font-size="11">'
        f"{escape(label)}</text>" for x, label in zip(xs, labels, strict=True)))  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)


def grouped_bars(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str]],
    *,
    chart_id: str = "",
) -> str:
    return _bars(title, labels, series, stacked=False, chart_id=chart_id)


def stacked_bars(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str]],
    *,
    chart_id: str = "",
) -> str:
    return _bars(title, labels, series, stacked=True, chart_id=chart_id)
