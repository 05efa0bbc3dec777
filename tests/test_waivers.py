"""Waivers: matched findings become WAIVED and stay visible; expired ones stop applying."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cspm_opa import ConfigError, ResourceRef, Severity, Status
from cspm_opa.model import Finding
from cspm_opa.waivers import apply_waivers, load_waivers

TODAY = date(2026, 11, 29)


def _finding(policy: str = "AWS-S3-001", rid: str = "arn:aws:s3:::logs", *,
             status: Status = Status.FAIL, account: str = "111122223333") -> Finding:  # fmt: skip
    return Finding(
        uid=f"{policy}-{rid}",
        policy_id=policy,
        title="t",
        severity=Severity.HIGH,
        status=status,
        message="m",
        remediation="r",
        resource=ResourceRef(
            id=rid,
            type="aws_s3_bucket",
            provider="aws",
            account=account,
            name=rid.rsplit(":", 1)[-1],
        ),
    )


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "waivers.yaml"
    path.write_text(text)
    return path


VALID = """\
waivers:
  - policy: AWS-S3-*
    resource: logs
    account: "111122223333"
    reason: Public website bucket by design.
    owner: web@acme.example
    expires: "2027-01-31"
  - policy: AWS-IAM-001
    reason: Old exception.
    owner: sec@acme.example
    expires: "2026-01-31"
"""


def test_matching_failures_become_waived_and_stay_visible(tmp_path: Path) -> None:
    waivers = load_waivers(_write(tmp_path, VALID))
    findings = [
        _finding(),
        _finding(rid="arn:aws:s3:::other"),
        _finding(account="999999999999"),
        _finding(status=Status.PASS),
        _finding(status=Status.UNKNOWN),
    ]
    out, report = apply_waivers(findings, waivers, TODAY)
    assert [f.status for f in out] == [
        Status.WAIVED, Status.FAIL, Status.FAIL, Status.PASS, Status.WAIVED,
    ]  # fmt: skip
    assert out[0].waiver is not None
    assert out[0].waiver.reason == "Public website bucket by design."
    assert out[0].waiver.source == f"{tmp_path / 'waivers.yaml'}:2"
    assert out[0].to_dict()["waiver"]["owner"] == "web@acme.example"
    assert report[0]["state"] == "active" and report[0]["matched"] == 2


def test_expired_waiver_stops_applying_and_is_reported(tmp_path: Path) -> None:
    waivers = load_waivers(_write(tmp_path, VALID))
    out, report = apply_waivers([_finding("AWS-IAM-001", "111122223333")], waivers, TODAY)
    assert out[0].status is Status.FAIL
    assert report[1]["state"] == "expired" and report[1]["matched"] == 0
    # The same waiver applied the day it expires.
    out, _ = apply_waivers([_finding("AWS-IAM-001", "x")], waivers, date(2026, 1, 31))
    assert out[0].status is Status.WAIVED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (VALID.replace("    owner: web@acme.example\n", ""),
         ":2: waivers[0]: 'owner' is a required"),
        (VALID.replace('expires: "2027-01-31"', 'expires: "next year"'), ":7: waivers[0].expires"),
        (VALID.replace('expires: "2027-01-31"', "expires: 2027-02-30"), ":7: waivers[0].expires"),
        (VALID.replace("reason: Old exception.", "reason: Old exception.\n    colour: red"),
         ":10: waivers[1].colour: Additional properties"),
        ("waivers:\n  - policy: [unclosed\n", ":3: not valid YAML"),
    ],
)  # fmt: skip
def test_malformed_file_names_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_waivers(path)
    assert f"{path}{expected}" in str(info.value)
