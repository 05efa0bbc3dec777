"""The assessment report: text, Markdown and HTML show the same numbers from one result."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from cspm_opa import LocalOpa, evaluate, snapshot_from_dict
from cspm_opa.cli import main
from cspm_opa.report import render_html, render_markdown, render_text, report_data
from cspm_opa.result import assess
from cspm_opa.schemas import default_store
from cspm_opa.scope import load_scope
from cspm_opa.testing.estate import sample_estate
from cspm_opa.waivers import load_waivers
from tests.browser import open_page

DEMO = Path(__file__).resolve().parents[1] / "cspm_opa" / "localclouds" / "demo"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    snaps = [snapshot_from_dict(d) for d in sample_estate()]
    with LocalOpa() as engine:
        findings = evaluate(snaps, engine)
        outcome = assess(
            snaps, findings, engine.catalog,
            scope=load_scope(DEMO / "scope.yaml"), waivers=load_waivers(TEST_DATA / "waivers.yaml"),
            today=date(2026, 11, 29),
        )  # fmt: skip
    return outcome.result


def _numbers(text: str, labels: list[str]) -> dict[str, Any]:
    """Pull the headline numbers out of any of the three formats (``labels``: the
    frameworks' labels, as the result names them)."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
    plain = re.sub(r"[*|`]", " ", plain)
    return {
        "posture": re.search(r"Posture score:?\s+(\d+)/100", plain).group(1),  # type: ignore[union-attr]
        "compliance": re.findall(
            rf"({'|'.join(map(re.escape, labels))}): (\d+)% compliant \((\d+)/(\d+)", plain
        ),
        "status": {k: re.search(rf"\b{k}\s+(\d+)", plain).group(1)  # type: ignore[union-attr]
                   for k in ("PASS", "FAIL", "UNKNOWN", "WAIVED")},
    }  # fmt: skip


def test_result_validates_and_carries_scope_and_waivers(result: dict[str, Any]) -> None:
    assert list(default_store().issues("scan_result.json", result)) == []
    assert result["organization"] == "Acme Payments"
    prod = next(s for s in result["scope"] if s["name"] == "prod-payments")
    assert prod["criticality"] == "critical" and prod["data_classification"] == "pci"
    assert {w["state"] for w in result["waivers"]} == {"active", "expired"}
    assert result["summary"]["by_status"]["WAIVED"] == 1


def test_every_format_shows_the_same_numbers(result: dict[str, Any]) -> None:
    d = report_data(result)
    expected_lines = [row.line for row in d.compliance]
    assert expected_lines and all("% compliant (" in line for line in expected_lines)
    outputs = {"text": render_text(result), "markdown": render_markdown(result),
               "html": render_html(result)}  # fmt: skip
    numbers = {fmt: _numbers(text, [row.label for row in d.compliance])
               for fmt, text in outputs.items()}  # fmt: skip
    for fmt, got in numbers.items():
        assert got["posture"] == str(d.posture_score), fmt
        assert got["status"] == {k: str(v) for k, v in d.by_status.items()}, fmt
        lines = [f"{n}: {p}% compliant ({a}/{b}" for n, p, a, b in got["compliance"]]
        assert [line.strip() for line in lines] == [
            e.split(" controls")[0].strip() for e in expected_lines
        ], fmt
        for check in d.top_failing:
            assert check.policy_id in outputs[fmt], fmt
        assert "expired" in outputs[fmt] and "AccessDenied" in outputs[fmt], fmt
    # And the numbers are the scan result's own.
    assert d.posture_score == result["posture_score"]
    cis = result["compliance"]["CIS_AWS_v5.0"]
    pairs = f"({cis['pairs']['passing']}/{cis['pairs']['assessed']} controls passing)"
    assert pairs in outputs["text"]
    assert f"every account: {cis['percent']:.0f}% ({cis['passing']}/{cis['assessed']})" in (
        outputs["text"])  # fmt: skip


def test_html_report_renders_in_chromium(result: dict[str, Any], tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(result))
    run = open_page(page, tmp_path)
    assert run.console_errors == []
    assert 'data-charts="3"' in run.dom
    assert run.dom.count('class="bar"') >= 5
    image = Image.open(run.screenshot).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50, "screenshot is blank or nearly so"
    assert image.getbbox() is not None


def test_browser_check_catches_a_broken_page(result: dict[str, Any], tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(render_html(result).replace("</body>", "<script>noSuchFn();</script></body>"))
    run = open_page(page, tmp_path)
    assert any("noSuchFn" in e for e in run.console_errors)


def test_report_command_renders_a_saved_result(
    result: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "result.json"
    saved.write_text(json.dumps(result))
    assert main(["report", str(saved), "--format", "markdown"]) == 0
    assert capsys.readouterr().out == render_markdown(result)
    out = tmp_path / "r.html"
    assert main(["report", str(saved), "--format", "html", "-o", str(out)]) == 0
    assert out.read_text() == render_html(result)


def test_report_command_rejects_what_is_not_a_scan_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema_version": "1", "findings": [{"uid": "x"}]}))
    assert main(["report", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: not a cspm-opa scan result" in err and "'generated_at' is required" in err
