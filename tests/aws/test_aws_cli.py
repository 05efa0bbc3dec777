"""The command line against the fake cloud, as a user would run it: the console script in
a subprocess, boto3 configured only through its own environment variables."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.localclouds.aws_cloud import (
    ACCOUNT,
    ISOLATION,
    PLANTED_SECRET,
    SECOND_ACCOUNT,
    UNSET,
    AwsCloud,
)
from cspm_opa.schemas import default_store
from cspm_opa.snapshots import load_snapshot

CLI = str(Path(sys.executable).with_name("cspm-opa"))


def run(cloud: AwsCloud, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the console script; a variable given as "" is left out of its environment."""
    environment = {k: v for k, v in os.environ.items() if k not in UNSET}
    environment.update({**ISOLATION, **cloud.env, **env})
    environment = {k: v for k, v in environment.items() if v != ""}
    return subprocess.run(
        [CLI, *args], env=environment, capture_output=True, text=True, timeout=300, check=False
    )


def scan(cloud: AwsCloud, out: Path, *extra: str, **env: str) -> dict[str, Any]:
    proc = run(
        cloud,
        "scan", "--provider", "aws", "--regions", "us-east-1,eu-west-1",
        "--format", "json", "-o", str(out), *extra,
        **env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert PLANTED_SECRET not in text
    result: dict[str, Any] = json.loads(text)
    assert list(default_store().issues("scan_result.json", result)) == []
    return result


def _status(result: dict[str, Any], policy: str, name: str) -> set[str]:
    return {
        f["status"]
        for f in result["findings"]
        if f["policy_id"] == policy and f["resource"]["name"] == name
    }


def test_scan_the_default_account(cloud: AwsCloud, tmp_path: Path) -> None:
    result = scan(cloud, tmp_path / "out.json")
    assert [(s["provider"], s["account"]) for s in result["scope"]] == [("aws", ACCOUNT)]
    assert result["scope"][0]["regions"] == ["us-east-1", "eu-west-1"]
    assert _status(result, "AWS-EC2-003", "legacy-ssh") == {"FAIL"}
    assert _status(result, "AWS-EC2-003", "app-https") == {"PASS"}
    cis = result["compliance"]["CIS_AWS_v5.0"]
    assert cis["assessed"] > 0 and cis["passing"] < cis["assessed"]


def test_scan_a_second_account_through_a_role(cloud: AwsCloud, tmp_path: Path) -> None:
    result = scan(
        cloud,
        tmp_path / "out.json",
        "--role-arn", cloud.role_arn, "--external-id", cloud.external_id,
        "--snapshot-out", str(tmp_path / "snapshots"),
    )  # fmt: skip
    assert [s["account"] for s in result["scope"]] == [SECOND_ACCOUNT]
    assert _status(result, "AWS-IAM-011", SECOND_ACCOUNT) == {"PASS"}
    snap = load_snapshot(tmp_path / "snapshots" / f"aws-{SECOND_ACCOUNT}.json")
    assert snap.account_id == SECOND_ACCOUNT


def test_collect_with_a_named_profile(cloud: AwsCloud, tmp_path: Path) -> None:
    """AWS_PROFILE, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE work as in boto3."""
    credentials = tmp_path / "credentials"
    credentials.write_text(
        "[audit]\naws_access_key_id = testing\naws_secret_access_key = testing\n",
        encoding="utf-8",
    )
    config = tmp_path / "config"
    config.write_text("[profile audit]\nregion = eu-west-1\n", encoding="utf-8")
    out = tmp_path / "snapshots"
    proc = run(
        cloud,
        "collect", "--provider", "aws", "-o", str(out),
        AWS_PROFILE="audit",
        AWS_SHARED_CREDENTIALS_FILE=str(credentials),
        AWS_CONFIG_FILE=str(config),
        AWS_ACCESS_KEY_ID="",
        AWS_SECRET_ACCESS_KEY="",
        AWS_DEFAULT_REGION="",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(out / f"aws-{ACCOUNT}.json")
    snap = load_snapshot(out / f"aws-{ACCOUNT}.json")
    # No --regions: the profile's region.
    assert snap.document["regions"] == ["eu-west-1"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--profile", "nobody"], 2, "AWS profile 'nobody' not found"),
        (["--external-id", "x"], 2, "--external-id is only used with --role-arn"),
        (["--role-arn", "arn:aws:s3:::bucket"], 2, "is not an IAM role ARN"),
        (["--regions", "all,us-east-1"], 2, '"all" cannot be combined'),
    ],
)
def test_usage_errors(
    cloud: AwsCloud, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    proc = run(cloud, "collect", "--provider", "aws", "-o", str(tmp_path), *args)
    assert proc.returncode == code, proc.stderr
    assert message in proc.stderr


def test_a_malformed_accounts_file_names_file_and_line(cloud: AwsCloud, tmp_path: Path) -> None:
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text("accounts:\n  - id: 1234\n", encoding="utf-8")
    proc = run(cloud, "scan", "--provider", "aws", "--accounts", str(accounts))
    assert proc.returncode == 2
    assert f"{accounts}:2: accounts[0].id" in proc.stderr


def test_no_credentials_is_exit_code_3(cloud: AwsCloud, tmp_path: Path) -> None:
    proc = run(
        cloud,
        "scan", "--provider", "aws", "--regions", "us-east-1",
        AWS_ACCESS_KEY_ID="", AWS_SECRET_ACCESS_KEY="",
    )  # fmt: skip
    assert proc.returncode == 3, proc.stderr
    assert "credentials" in proc.stderr.lower()


def test_accounts_that_cannot_be_read_are_unknown_and_the_scan_goes_on(
    cloud: AwsCloud, tmp_path: Path
) -> None:
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text(
        f'accounts:\n  - id: "{ACCOUNT}"\n  - profile: nowhere\n  - id: "999988887777"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    proc = run(
        cloud,
        "scan", "--provider", "aws", "--regions", "us-east-1", "--accounts", str(accounts),
        "--format", "json", "-o", str(out), "--snapshot-out", str(tmp_path / "snapshots"),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert list(default_store().issues("scan_result.json", result)) == []
    gaps = {g["account"]: g["detail"] for g in result["coverage"] if g["service"] == "sts"}
    assert set(gaps) == {"accounts.yaml:3", "999988887777"}
    assert gaps["accounts.yaml:3"].startswith(f"{accounts}:3: AWS profile 'nowhere' not found")
    assert f"expected account 999988887777, reached {ACCOUNT}" in gaps["999988887777"]
    by_account: dict[str, set[str]] = {}
    for f in result["findings"]:
        by_account.setdefault(f["resource"]["account"], set()).add(f["status"])
    assert by_account["accounts.yaml:3"] == by_account["999988887777"] == {"UNKNOWN"}
    assert "FAIL" in by_account[ACCOUNT]
    assert (tmp_path / "snapshots" / "aws-accounts.yaml_3.json").is_file()

    accounts.write_text('accounts:\n  - profile: nowhere\n  - id: "999988887777"\n')
    proc = run(cloud, "scan", "--provider", "aws", "--regions", "us-east-1",
               "--accounts", str(accounts))  # fmt: skip
    assert proc.returncode == 3, proc.stderr
    assert "AWS profile 'nowhere' not found" in proc.stderr
    assert "expected account 999988887777" in proc.stderr
