"""``cspm-opa drift A.json B.json``: output, exit codes with and without --fail-on-drift,
and clear errors for bad input."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.cli import main
from cspm_opa.schemas import default_store
from cspm_opa.testing import builders as b

BUCKET = b.s3_bucket("logs")
VOLUME = b.ebs_volume("data")
USER = b.iam_user("alice")


def write(path: Path, resources: list[dict[str, Any]], **kwargs: Any) -> str:
    path.write_text(json.dumps(b.snapshot(b.DEFAULT_ACCOUNT, resources, **kwargs)))
    return str(path)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    used = copy.deepcopy(USER)
    used["config"]["password_last_used"] = "2026-11-30T08:00:00Z"
    public = b.s3_bucket("logs", config={"policy_is_public": True})
    before = write(tmp_path / "a.json", [BUCKET, VOLUME, USER])
    after = write(tmp_path / "b.json", [public, used], taken_at="2026-11-30T10:00:00Z")
    return before, after


def test_json_output_to_a_file_and_exit_0(pair: tuple[str, str], tmp_path: Path) -> None:
    out = tmp_path / "out" / "drift.json"
    assert main(["drift", *pair, "--format", "json", "-o", str(out)]) == 0
    doc = json.loads(out.read_bytes())
    assert list(default_store().issues("drift.json", doc)) == []
    assert [(c["type"], c["paths"]) for c in doc["changed"]] == [
        ("aws_s3_bucket", ["/config/policy_is_public"])
    ]
    assert [r["id"] for r in doc["removed"]] == [VOLUME["id"]]
    assert doc["added"] == [] and doc["unknown"] == []


def test_table_on_stdout(pair: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["drift", *pair]) == 0
    out = capsys.readouterr().out
    assert "CHANGED" in out and "/config/policy_is_public" in out
    assert "REMOVED" in out and VOLUME["id"] in out
    assert out.rstrip().endswith("1 changed, 0 added, 1 removed, 0 not comparable")


@pytest.mark.parametrize(
    ("rules", "code"),
    [
        ([], 0),
        (["aws_iam_user"], 0),  # only its last-used date moved: ignored
        (["aws_s3_bucket:/config/policy"], 0),  # policy_is_public is not under policy
        (["aws_s3_bucket:/config/policy*"], 1),
        (["aws_ebs_volume"], 1),
        (["aws_*"], 1),
        (["aws_iam_user", "aws_s3_bucket"], 1),
    ],
)
def test_fail_on_drift_exit_codes(
    pair: tuple[str, str], rules: list[str], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["drift", *pair, "--format", "json"]
    for rule in rules:
        argv += ["--fail-on-drift", rule]
    assert main(argv) == code
    err = capsys.readouterr().err
    assert ("cspm-opa: drift:" in err) is (code == 1)


def test_ignore_option_and_no_default_ignores(
    pair: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    main(["drift", *pair, "--format", "json", "--ignore", "aws_s3_bucket:/config/policy_is_public"])
    assert json.loads(capsys.readouterr().out)["changed"] == []
    main(["drift", *pair, "--format", "json", "--no-default-ignores"])
    changed = json.loads(capsys.readouterr().out)["changed"]
    assert {c["type"]: c["paths"] for c in changed}["aws_iam_user"] == [
        "/config/password_last_used"
    ]


def test_different_accounts_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(tmp_path / "a.json", [BUCKET])
    other = b.s3_bucket("logs", account="444455556666")
    (tmp_path / "b.json").write_text(json.dumps(b.snapshot("444455556666", [other])))
    assert main(["drift", a, str(tmp_path / "b.json")]) == 2
    err = capsys.readouterr().err
    assert "b.json: aws account 444455556666, but" in err and "a.json" in err


def test_invalid_snapshot_names_the_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = write(tmp_path / "a.json", [BUCKET])
    doc = b.snapshot(b.DEFAULT_ACCOUNT, [BUCKET])
    del doc["taken_at"]
    (tmp_path / "bad.json").write_text(json.dumps(doc))
    assert main(["drift", a, str(tmp_path / "bad.json")]) == 2
    err = capsys.readouterr().err
    assert "bad.json" in err and "taken_at" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--fail-on-drift", "aws_s3_buckets"], "unknown resource type 'aws_s3_buckets'"),
        (["--fail-on-drift", "/config/policy"], "expected TYPE[:POINTER-GLOB]"),
        (["--ignore", "/config//x"], "empty segment"),
    ],
)
def test_bad_rules_are_usage_errors(
    pair: tuple[str, str], argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["drift", *pair, *argv]) == 2
    assert message in capsys.readouterr().err


def test_one_file_is_a_usage_error(
    pair: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["drift", pair[0]]) == 2
    assert "two snapshot files" in capsys.readouterr().err
