"""Renderers: pure functions from a scan result to text, Markdown and HTML."""

from cspm_opa.report.data import ReportData, report_data
from cspm_opa.report.html import render_html
from cspm_opa.report.markdown import render_markdown
from cspm_opa.report.table import render_table
from cspm_opa.report.text import render_text

__all__ = [
    "ReportData",
    "render_html",
    "render_markdown",
    "render_table",
    "render_text",
    "report_data",
]
