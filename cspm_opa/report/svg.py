"""Small inline SVG bar charts: no script, no external assets, render anywhere."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

__all__ = ["hbar_chart", "vbar_chart"]


def vbar_chart(
    title: str, bars: Sequence[tuple[str, float, str]], *, width: int = 420, height: int = 220
) -> str:
    """Vertical bars: (label, value, colour). The axis starts at zero."""
    top = max((v for _, v, _ in bars), default=0) or 1
    plot_h = height - 60
    slot = (width - 40) / max(len(bars), 1)
    parts = [_open(title, width, height)]
    for i, (label, value, colour) in enumerate(bars):
        h = plot_h * value / top
        x = 30 + i * slot + slot * 0.15
        y = 25 + plot_h - h
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{h:.1f}" fill="{colour}"><title>{escape(label)}: {value:g}</title></rect>'
            f'<text x="{x + slot * 0.35:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
            f'font-size="12">{value:g}</text>'
            f'<text x="{x + slot * 0.35:.1f}" y="{height - 18}" text-anchor="middle" '
            f'font-size="11">{escape(label)}</text>'
        )
    parts.append(f'<line x1="25" y1="{25 + plot_h}" x2="{width - 5}" y2="{25 + plot_h}" '
                 'stroke="#888"/></svg>')  # fmt: skip
    return "".join(parts)


def hbar_chart(
    title: str,
    bars: Sequence[tuple[str, float | None, str]],
    *,
    width: int = 560,
    maximum: float = 100,
    suffix: str = "%",
) -> str:
    """Horizontal bars on a fixed scale (default 0-100%): (label, value or None, colour)."""
    row = 28
    height = 40 + row * max(len(bars), 1)
    label_w = 190
    plot_w = width - label_w - 60
    parts = [_open(title, width, height)]
    for i, (label, value, colour) in enumerate(bars):
        y = 30 + i * row
        w = plot_w * (value or 0) / maximum
        shown = "n/a" if value is None else f"{value:g}{suffix}"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y + 2}" width="{plot_w}" height="{row - 10}" fill="#eee"/>'
            f'<rect class="bar" x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row - 10}" '
            f'fill="{colour}"><title>{escape(label)}: {shown}</title></rect>'
            f'<text x="{label_w + plot_w + 6}" y="{y + 15}" font-size="12">{shown}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _open(title: str, width: int, height: int) -> str:
    return (
        f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<text x="8" y="16" font-size="13" font-weight="bold">{escape(title)}</text>'
    )
