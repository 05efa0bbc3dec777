"""``cspm-opa scan --provider gcp`` as users run it: the console script in a subprocess,
credentials from GOOGLE_APPLICATION_CREDENTIALS (a key file whose token_uri is the fake),
the API endpoint from --gcp-endpoint."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cspm_opa.localclouds.gcp_demo import GcpDemoCloud
from cspm_opa.schemas import default_store

SCRIPT = Path(sys.executable).with_name("cspm-opa")


def test_scan_through_the_console_script(demo_cloud: GcpDemoCloud, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    env = {**os.environ, **demo_cloud.env}
    env.pop("GOOGLE_CLOUD_PROJECT", None)
    proc = subprocess.run(
        [
            str(SCRIPT),
            "scan",
            "--provider",
            "gcp",
            "--projects",
            ",".join(demo_cloud.project_ids),
            "--gcp-endpoint",
            demo_cloud.endpoint,
            "--format",
            "json",
            "-o",
            str(out),
            "--snapshot-out",
            str(tmp_path / "snapshots"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(out.read_text())
    assert list(default_store().issues("scan_result.json", result)) == []
    assert {(s["provider"], s["account"]) for s in result["scope"]} == {
        ("gcp", "acme-prod-gcp"),
        ("gcp", "acme-shared-gcp"),
    }
    planted = {(e.policy_id, e.resource_id) for e in demo_cloud.expectations if e.status == "FAIL"}
    failed = {
        (f["policy_id"], f["resource"]["id"]) for f in result["findings"] if f["status"] == "FAIL"
    }
    assert failed == planted
    assert "CIS_GCP_v4.0" in result["compliance"]
    assert sorted(p.name for p in (tmp_path / "snapshots").iterdir()) == [
        "gcp-acme-prod-gcp.json",
        "gcp-acme-shared-gcp.json",
    ]
    token_requests = [r for r in demo_cloud.server.requests if r.path == "/token"]
    assert token_requests, "the key file's token_uri was not used"
