"""`cspm-opa demo`: the whole job across three clouds, ending with the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cspm_opa.cli import main
from cspm_opa.report import render_text
from cspm_opa.schemas import default_store


def test_demo_scans_every_provider_and_ends_with_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--out-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    result = json.loads((tmp_path / "demo-result.json").read_text())
    assert list(default_store().issues("scan_result.json", result)) == []
    assert {s["provider"] for s in result["scope"]} == {"aws", "azure", "gcp"}
    assert len(list((tmp_path / "snapshots").glob("*.json"))) == len(result["scope"])
    statuses = result["summary"]["by_status"]
    assert statuses["FAIL"] > 0 and statuses["PASS"] > 0
    assert statuses["UNKNOWN"] > 0 and statuses["WAIVED"] > 0
    html = (tmp_path / "demo-report.html").read_text()
    assert "<svg" in html and "Acme Payments" in html
    report = render_text(result)
    assert report in out  # the text report, as rendered from the written result
    assert out.rstrip().endswith(f"HTML report: {tmp_path / 'demo-report.html'}")
