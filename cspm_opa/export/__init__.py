"""Exporters: pure functions from a scan result to the formats pipelines read."""

from cspm_opa.export.csv import render_csv
from cspm_opa.export.junit import render_junit
from cspm_opa.export.sarif import render_sarif, sarif_log

__all__ = ["render_csv", "render_junit", "render_sarif", "sarif_log"]
