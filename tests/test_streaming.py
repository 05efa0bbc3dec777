"""Streamed evaluation: parts read from disk, findings written as they come, the same
verdicts and aggregates as the in-memory run."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cspm_opa import LocalOpa, evaluate, snapshot_from_dict, write_snapshot
from cspm_opa.cli import main
from cspm_opa.result import assess
from cspm_opa.result_stream import StreamedScan
from cspm_opa.schemas import default_store
from cspm_opa.streaming import evaluate_parts, open_source
from cspm_opa.waivers import Waiver
from tests.test_evaluate_split import _estate

TODAY = date(2026, 1, 1)


@pytest.fixture(scope="module")
def estate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    snap = snapshot_from_dict(_estate(120))
    return write_snapshot(snap, tmp_path_factory.mktemp("stream"))


def _key(f: dict[str, Any]) -> tuple[str, str, str, str]:
    return (f["uid"], f["status"], f["severity"], f["message"])


def test_streamed_result_equals_the_in_memory_one(engine: LocalOpa, estate: Path) -> None:
    snap = snapshot_from_dict(json.loads(estate.read_text()))
    waivers = [Waiver(policy="AWS-EC2-002", reason="accepted for the test", owner="t",
                      expires=date(2027, 1, 1), resource="*web-0003*")]  # fmt: skip
    whole = evaluate([snap], engine, workers=1)
    expected = assess([snap], whole, engine.catalog, waivers=waivers, today=TODAY,
                      generated_at="2026-01-01T00:00:00Z").result  # fmt: skip
    out = io.BytesIO()
    source = open_source(estate)
    scan = StreamedScan([source.envelope], [source.resource_count()], engine.catalog,
                        fmt="json", out=out, waivers=waivers, today=TODAY, top=5)  # fmt: skip
    scan.result["generated_at"] = expected["generated_at"]
    evaluate_parts([source], engine, scan.add, workers=2, max_part_bytes=30_000)
    kept = scan.finish()
    written = json.loads(out.getvalue())
    assert list(default_store().issues("scan_result.json", written)) == []
    assert list(written) == list(expected)  # the same keys, in the same order
    assert sorted(map(_key, written["findings"])) == sorted(map(_key, expected["findings"]))
    assert any(f["status"] == "WAIVED" for f in written["findings"])
    for key in ("scope", "policies", "compliance", "posture_score", "summary", "waivers",
                "coverage", "attack_paths"):  # fmt: skip
        assert written[key] == expected[key], key
    # The kept top five are the worst FAIL/UNKNOWN of all, and the rest were counted.
    assert len(kept["findings"]) == 5 and scan.kept_out > 0
    assert {f["status"] for f in kept["findings"]} <= {"FAIL", "UNKNOWN"}
    worst = {f["severity"] for f in kept["findings"]}
    assert max(worst, key=["INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"].index) == max(
        (f["severity"] for f in expected["findings"] if f["status"] == "FAIL"),
        key=["INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"].index,
    )


def test_the_command_line_streams_json_csv_and_ocsf(estate: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.json"
    assert main(["evaluate", str(estate), "--format", "json", "-o", str(plain)]) == 0
    expected = json.loads(plain.read_text())
    outputs = {}
    for fmt in ("json", "csv", "ocsf"):
        outputs[fmt] = tmp_path / f"streamed.{fmt}"
        args = ["evaluate", str(estate), "--stream", "--format", fmt, "-o", str(outputs[fmt])]
        assert main(args) == 0
    streamed = json.loads(outputs["json"].read_text())
    assert list(default_store().issues("scan_result.json", streamed)) == []
    assert sorted(map(_key, streamed["findings"])) == sorted(map(_key, expected["findings"]))
    assert streamed["compliance"] == expected["compliance"]
    assert streamed["summary"]["by_status"] == expected["summary"]["by_status"]
    rows = list(csv.DictReader(io.StringIO(outputs["csv"].read_text(encoding="utf-8"))))
    assert sorted(r["uid"] for r in rows) == sorted(f["uid"] for f in expected["findings"])
    lines = outputs["ocsf"].read_text().splitlines()
    assert len(lines) == len(expected["findings"])
    assert all(json.loads(line)["class_uid"] == 2003 for line in lines)


def test_stream_refuses_what_needs_every_finding(estate: Path, capsys: Any) -> None:
    assert main(["evaluate", str(estate), "--stream", "--format", "sarif"]) == 2
    assert "--stream cannot be used with --format sarif" in capsys.readouterr().err


def test_a_fail_in_a_streamed_table_sets_the_exit_code(
    estate: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["evaluate", str(estate), "--stream", "--fail-on", "medium"]) == 1
    out = capsys.readouterr().out
    assert "Posture score" in out and "FAIL" in out


def test_large_files_stream_by_themselves_and_older_layouts_stream_too(
    estate: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cspm_opa import result_stream

    old = tmp_path / "old.json"  # one indented document, as files were written before
    old.write_text(json.dumps(json.loads(estate.read_text()), indent=2))
    plain, streamed = tmp_path / "plain.json", tmp_path / "streamed.json"
    assert main(["evaluate", str(old), "--format", "json", "-o", str(plain)]) == 0
    assert plain.read_bytes().startswith(b"{\n  ")  # under the threshold: in memory
    monkeypatch.setattr(result_stream, "STREAM_BYTES", 1)
    assert main(["evaluate", str(old), "--format", "json", "-o", str(streamed)]) == 0
    assert streamed.read_bytes().startswith(b'{"schema_version"')  # written as it came
    expected, got = json.loads(plain.read_text()), json.loads(streamed.read_text())
    assert sorted(map(_key, got["findings"])) == sorted(map(_key, expected["findings"]))
    assert all("priority" not in f for f in got["findings"])
