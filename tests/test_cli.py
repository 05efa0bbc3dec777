"""The command line: outputs, and exit codes 0, 1, 2 and 3 with clear messages."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.cli import main
from cspm_opa.schemas import default_store
from cspm_opa.testing.builders import account_baseline, s3_bucket, snapshot
from tests.conftest import TAG_CHECK, write_policy

ACCOUNT = "111122223333"


def _snapshot_file(write_json: Any, *, bad_bucket: bool = True) -> Path:
    """A compliant account (its baseline and a good bucket), plus one bad bucket."""
    resources = [*account_baseline(ACCOUNT), s3_bucket(name="good", account=ACCOUNT)]
    if bad_bucket:
        resources.append(s3_bucket(name="bad", account=ACCOUNT, config={"policy": None}))
    return write_json("aws-111122223333.json", snapshot(ACCOUNT, resources))  # type: ignore[no-any-return]


def test_json_output_validates_against_the_scan_result_schema(
    write_json: Any, tmp_path: Path
) -> None:
    out = tmp_path / "result.json"
    code = main(["evaluate", str(_snapshot_file(write_json)), "--format", "json", "-o", str(out)])
    assert code == 0
    result = json.loads(out.read_text())
    assert list(default_store().issues("scan_result.json", result)) == []
    statuses = {(f["policy_id"], f["resource"]["name"]): f["status"] for f in result["findings"]}
    assert statuses[("AWS-S3-001", "bad")] == "FAIL"
    assert statuses[("AWS-S3-001", "good")] == "PASS"
    assert result["summary"]["by_status"]["FAIL"] >= 1
    (scope,) = result["scope"]
    assert (scope["provider"], scope["account"]) == ("aws", ACCOUNT)
    assert scope["regions"] == ["us-east-1"]
    assert scope["criticality"] == "medium"  # no scope file: the default classification


def test_table_output(write_json: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(_snapshot_file(write_json))]) == 0
    out = capsys.readouterr().out
    assert "FAIL" in out and "AWS-S3-001" in out and "Posture score" in out


def test_fail_on_threshold(write_json: Any, capsys: pytest.CaptureFixture[str]) -> None:
    clean = str(_snapshot_file(write_json, bad_bucket=False))
    assert main(["evaluate", clean, "--fail-on", "info"]) == 0
    capsys.readouterr()
    path = str(_snapshot_file(write_json))
    assert main(["evaluate", path, "--format", "json"]) == 0
    failing = {
        f["severity"]
        for f in json.loads(capsys.readouterr().out)["findings"]
        if f["status"] == "FAIL"
    }
    assert "MEDIUM" in failing
    assert main(["evaluate", path, "--fail-on", "medium"]) == 1
    expected_high = 1 if failing & {"HIGH", "CRITICAL"} else 0
    assert main(["evaluate", path, "--fail-on", "HIGH"]) == expected_high


def test_unknown_severity_is_a_usage_error(write_json: Any) -> None:
    with pytest.raises(SystemExit) as info:
        main(["evaluate", str(_snapshot_file(write_json)), "--fail-on", "scary"])
    assert info.value.code == 2


def test_rego_syntax_error_in_policies_exits_2_naming_file_and_line(
    write_json: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write_policy(tmp_path, "mine/broken.rego", "package cspm.checks.aws.x.y\n\ndeny if {{\n")
    code = main(["evaluate", str(_snapshot_file(write_json)), "--policies", str(bad.parent)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{bad}:" in err
    assert "rego_parse_error" in err


def test_invalid_snapshot_exits_2_listing_every_path(
    write_json: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = snapshot(ACCOUNT, [s3_bucket(name="b", account=ACCOUNT)])
    (bucket,) = doc["resources"]["aws_s3_bucket"].values()
    bucket["config"]["versioning"]["status"] = 3
    doc["taken_at"] = "yesterday"
    path = write_json("bad.json", doc)
    code = main(["evaluate", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert str(path) in err
    assert "taken_at: 'yesterday' is not a 'date-time'" in err


def test_invalid_resource_field_exits_2_with_its_path(
    write_json: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = snapshot(ACCOUNT, [s3_bucket(name="b", account=ACCOUNT)])
    (bucket,) = doc["resources"]["aws_s3_bucket"].values()
    bucket["config"]["versioning"]["status"] = 3
    bucket["config"]["logging"] = "on"
    code = main(["evaluate", str(write_json("bad.json", doc))])
    err = capsys.readouterr().err
    assert code == 2
    assert f'resources.aws_s3_bucket["{bucket["id"]}"].config.versioning.status' in err
    assert f'resources.aws_s3_bucket["{bucket["id"]}"].config.logging' in err


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.json", None, "cannot read snapshot"),
        ("garbage.json", "{not json", "not valid JSON"),
        ("binary.json", b"\xff\xfe\x00", "cannot read snapshot"),
    ],
)
def test_unreadable_or_non_json_snapshot_exits_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | bytes | None,
    expected: str,
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    assert main(["evaluate", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and expected in err


def test_unreachable_opa_url_exits_3_naming_the_url(
    write_json: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    code = main(["evaluate", str(_snapshot_file(write_json)), "--opa-url", url])
    err = capsys.readouterr().err
    assert code == 3
    assert url in err


def test_custom_policies_join_the_scan(
    write_json: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_policy(tmp_path, "mine/owner_tag.rego", TAG_CHECK)
    code = main(
        ["evaluate", str(_snapshot_file(write_json)), "--policies", str(tmp_path / "mine"),
         "--format", "json"]
    )  # fmt: skip
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {f["status"] for f in result["findings"] if f["policy_id"] == "ACME-S3-001"} == {"FAIL"}


def test_policies_lists_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policies", "--framework", "CIS_AWS_v5.0", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(
        any(c["framework"] == "CIS_AWS_v5.0" for c in r["compliance"]) for r in rows
    )


@pytest.mark.parametrize(
    ("key", "provider", "control"),
    [("NIST_800_53_r5", "aws", "SC-28(1)"), ("ISO_27001_2022", "aws", "A.8.24"),
     ("GDPR", "aws", "Article 32")],
)  # fmt: skip
def test_policies_lists_the_checks_of_every_new_framework(
    key: str, provider: str, control: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["policies", "--framework", key, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert all(any(c["framework"] == key for c in r["compliance"]) for r in rows)
    mapped = {r["id"] for r in rows if {"framework": key, "control": control} in r["compliance"]}
    assert any(i.startswith(provider.upper() + "-") for i in mapped), (key, control)
    assert main(["policies", "--framework", key]) == 0
    assert f"{key} {control}" in capsys.readouterr().out


def test_policies_rejects_an_unknown_framework(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["policies", "--framework", "ISO27001"])
    assert info.value.code == 2
    assert "unknown framework 'ISO27001'" in capsys.readouterr().err


def test_console_script_runs(write_json: Any) -> None:
    exe = Path(sys.executable).with_name("cspm-opa")
    proc = subprocess.run(
        [str(exe), "evaluate", str(_snapshot_file(write_json)), "--fail-on", "low"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert "AWS-S3-001" in proc.stdout
