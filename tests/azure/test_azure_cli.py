"""``cspm-opa scan --provider azure`` as users run it: the console script in a
subprocess, EnvironmentCredential's variables pointing at the local token endpoint
(AZURE_AUTHORITY_HOST), --azure-endpoint at the local Resource Manager, and the
server's CA trusted through REQUESTS_CA_BUNDLE."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cspm_opa.localclouds.azure_cloud import AzureCloudServer
from cspm_opa.localclouds.azure_estate import DEV, PROD, Expected
from cspm_opa.schemas import default_store

CLI = Path(sys.executable).with_name("cspm-opa")


def _env(server: AzureCloudServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AZURE_", "MSI_", "IDENTITY_"))}
    env.update(server.env())
    env.pop("AZURE_RESOURCE_MANAGER_URL")  # the endpoint comes from --azure-endpoint here
    return env


def test_scan_provider_azure_through_the_console_script(
    demo_azure: tuple[AzureCloudServer, Expected], tmp_path: Path
) -> None:
    server, expected = demo_azure
    out = tmp_path / "out.json"
    snapshots = tmp_path / "snapshots"
    proc = subprocess.run(
        [str(CLI), "scan", "--provider", "azure", "--azure-endpoint", server.url,
         "--format", "json", "-o", str(out), "--snapshot-out", str(snapshots)],
        env=_env(server), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(out.read_text())
    assert list(default_store().issues("scan_result.json", result)) == []
    assert sorted(s["account"] for s in result["scope"]) == sorted([DEV, PROD])
    status = {(f["policy_id"], f["resource"]["id"]): f["status"] for f in result["findings"]}
    for (policy, resource), want in expected[DEV].items():
        assert status[(policy, resource)] == want, (policy, resource)
    assert status[("AZURE-STORAGE-001", _storage(PROD, "ops", "stprodactivity"))] == "PASS"
    assert "CIS_Azure_v4.0" in result["compliance"]
    assert sorted(p.name for p in snapshots.iterdir()) == [
        f"azure-{DEV}.json",
        f"azure-{PROD}.json",
    ]


def test_scan_fails_with_exit_3_when_the_secret_is_wrong(
    demo_azure: tuple[AzureCloudServer, Expected], tmp_path: Path
) -> None:
    server, _ = demo_azure
    env = _env(server) | {"AZURE_CLIENT_SECRET": "wrong"}
    proc = subprocess.run(
        [str(CLI), "scan", "--provider", "azure", "--azure-endpoint", server.url,
         "--format", "json", "-o", str(tmp_path / "out.json")],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 3, proc.stderr
    assert "cannot list Azure subscriptions" in proc.stderr


def _storage(sid: str, group: str, name: str) -> str:
    group_id = f"/subscriptions/{sid}/resourceGroups/{group}"
    return f"{group_id}/providers/Microsoft.Storage/storageAccounts/{name}"
