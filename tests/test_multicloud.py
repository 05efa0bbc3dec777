"""One `cspm-opa scan` over AWS, Azure and GCP together gives one result and one report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cspm_opa.localclouds.aws_process import isolated_aws_cloud
from cspm_opa.localclouds.azure_demo import azure_demo_cloud
from cspm_opa.localclouds.gcp_demo import gcp_demo_cloud
from cspm_opa.report import render_text
from cspm_opa.schemas import default_store

CLI = Path(sys.executable).with_name("cspm-opa")


def test_one_scan_across_three_clouds(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    with isolated_aws_cloud() as aws, azure_demo_cloud() as azure, gcp_demo_cloud() as gcp:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("AWS_", "AZURE_", "GOOGLE_", "MSI_", "IDENTITY_"))
        }
        env.update(aws.env)
        env.update({k: v for k, v in azure.env().items() if k != "AZURE_RESOURCE_MANAGER_URL"})
        env.update(gcp.env)
        proc = subprocess.run(
            [str(CLI), "scan", "--provider", "aws,azure", "--provider", "gcp",
             "--regions", ",".join(aws.regions), "--azure-endpoint", azure.url,
             "--gcp-endpoint", gcp.endpoint, "--projects", ",".join(gcp.project_ids),
             "--format", "json", "-o", str(out)],
            env=env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(out.read_text())
    assert list(default_store().issues("scan_result.json", result)) == []
    providers = {s["provider"] for s in result["scope"]}
    assert providers == {"aws", "azure", "gcp"}
    assert {f["resource"]["provider"] for f in result["findings"]} == providers
    assert {"CIS_AWS_v5.0", "CIS_Azure_v4.0", "CIS_GCP_v4.0"} <= set(result["compliance"])
    report = render_text(result)
    assert "AWS (1 account), AZURE (2 accounts), GCP (2 accounts)" in report
