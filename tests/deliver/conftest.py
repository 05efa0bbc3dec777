"""Fixtures for the delivery tests: findings, results and routes files."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.deliver import RetryPolicy

TITLE = "S3 buckets have Block Public Access enabled"


def finding(name: str, *, status: str = "FAIL", severity: str = "HIGH",
            policy: str = "AWS-S3-002", account: str = "111122223333",
            priority: str | None = "HIGH", title: str = TITLE,
            ) -> dict[str, Any]:  # fmt: skip
    uid = hashlib.md5(f"{policy}|{account}|{name}".encode()).hexdigest()
    f: dict[str, Any] = {
        "uid": uid,
        "policy_id": policy,
        "title": title,
        "severity": severity,
        "status": status,
        "message": f"bucket {name} & friends <allow> public access",
        "remediation": "Turn on all four Block Public Access settings.",
        "resource": {"id": f"arn:aws:s3:::{name}", "type": "aws_s3_bucket", "provider": "aws",
                     "account": account, "region": "us-east-1", "name": name, "tags": {}},
        "compliance": [{"framework": "CIS_AWS_v5.0", "control": "2.1.4"},
                       {"framework": "SOC2", "control": "CC6.1"}],
    }  # fmt: skip
    if priority and status in ("FAIL", "UNKNOWN"):
        factors = {"severity": severity, "exposure": "internet", "attack_paths": [],
                   "data_sensitivity": "internal", "account_criticality": "high",
                   "blast_radius": 0}  # fmt: skip
        f["priority"] = {"level": priority, "score": 70, "factors": factors}
    return f


def result(*findings: dict[str, Any], delta: dict[str, Any] | None = None) -> dict[str, Any]:
    r: dict[str, Any] = {"generated_at": "2026-12-12T10:00:00Z", "findings": list(findings)}
    if delta is not None:
        r["delta"] = {"previous_scan": None, "new": [], "resolved": [], "regressed": [],
                      "unchanged": 0, **delta}  # fmt: skip
    return r


@pytest.fixture
def fast() -> RetryPolicy:
    """Three attempts, no real waiting; the waits asked for are in ``fast.waits``."""
    waits: list[float] = []
    policy = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.02, timeout=5,
                         sleep=waits.append)  # fmt: skip
    object.__setattr__(policy, "waits", waits)
    return policy


@pytest.fixture
def write_routes(tmp_path: Path) -> Any:
    def write(text: str, name: str = "routes.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
