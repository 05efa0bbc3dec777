"""Renderers: pure functions from a scan result to text."""

from cspm_opa.report.table import render_table

__all__ = ["render_table"]
