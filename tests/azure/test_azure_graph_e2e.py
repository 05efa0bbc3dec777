"""Microsoft Graph tenant settings and Defender's system-updates assessments end to end:
``cspm-opa scan --provider azure`` in a subprocess against the local Azure, whose Graph
(under ``/graph``) checks each token's audience, pages ``/groupSettings`` through
``@odata.nextLink`` and answers the faults planted here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.localclouds.azure_cloud import AzureCloudServer
from cspm_opa.localclouds.azure_estate import PROD, seed
from cspm_opa.testing import graph_builders as gb

CLI = Path(sys.executable).with_name("cspm-opa")
SUB = f"/subscriptions/{PROD}"
VM = f"{SUB}/resourceGroups/app/providers/Microsoft.Compute/virtualMachines/vm-patch"
PERIODIC_CHECK = "90386950-71ca-4357-a12e-486d1679427c"

AUTHORIZATION_CHECKS = {f"AZURE-ENTRA-{n:03d}" for n in (2, 3, 4, 5, 6, 7, 12)}
DIRECTORY_CHECKS = {"AZURE-ENTRA-008", "AZURE-ENTRA-009", "AZURE-ENTRA-010"}
CONDITIONAL_ACCESS_CHECKS = {f"AZURE-ENTRA-{n:03d}" for n in range(13, 19)}
ENTRA_CHECKS = {
    *AUTHORIZATION_CHECKS,
    *DIRECTORY_CHECKS,
    *CONDITIONAL_ACCESS_CHECKS,
    "AZURE-ENTRA-001",
    "AZURE-ENTRA-011",
    "AZURE-ENTRA-019",
}


@pytest.fixture
def server() -> Iterator[AzureCloudServer]:
    with AzureCloudServer() as running:
        seed(running.cloud)
        yield running


def _assessment(status: str) -> dict[str, Any]:
    return {
        "id": f"{VM}/providers/Microsoft.Security/assessments/{PERIODIC_CHECK}",
        "name": PERIODIC_CHECK,
        "type": "Microsoft.Security/assessments",
        "properties": {
            "displayName": "Machines should be configured to periodically check for missing "
            "system updates",
            "status": {"code": status},
            "resourceDetails": {"Source": "Azure", "Id": VM},
        },
    }


def _scan(server: AzureCloudServer, tmp_path: Path, *extra: str) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AZURE_", "MSI_", "IDENTITY_"))}
    env.update(server.env())
    env.pop("AZURE_RESOURCE_MANAGER_URL")
    out = tmp_path / "out.json"
    proc = subprocess.run(
        [str(CLI), "scan", "--provider", "azure", "--azure-endpoint", server.url,
         "--subscriptions", PROD, "--format", "json", "-o", str(out),
         "--snapshot-out", str(tmp_path / "snapshots"), *extra],
        env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def _status(result: dict[str, Any]) -> dict[str, str]:
    """policy id -> status, for the tenant-level and subscription-level checks here."""
    return {
        f["policy_id"]: f["status"]
        for f in result["findings"]
        if f["policy_id"] in ENTRA_CHECKS or f["policy_id"] == "AZURE-DEFENDER-016"
    }


def test_a_hardened_tenant_passes_after_a_429_and_two_pages(
    server: AzureCloudServer, tmp_path: Path
) -> None:
    graph = server.cloud.graph
    graph.page_size = 1  # the two directory settings take two pages
    graph.fail("/v1.0/policies/authorizationPolicy", 429, times=1, retry_after=1)
    assessments = f"{SUB}/providers/Microsoft.Security/assessments"
    server.cloud.put_list(assessments, [_assessment("Healthy")])
    result = _scan(server, tmp_path, "--azure-graph-endpoint", f"{server.url}/graph")
    assert _status(result) == {policy: "PASS" for policy in [*ENTRA_CHECKS, "AZURE-DEFENDER-016"]}
    assert [h.status for h in graph.hits("/v1.0/policies/authorizationPolicy")] == [429, 200]
    pages = graph.hits("/v1.0/groupSettings")
    assert [p.query.get("$skiptoken", ["0"])[0] for p in pages] == ["0", "1"]
    snapshot = json.loads((tmp_path / "snapshots" / f"azure-{PROD}.json").read_text())
    (settings,) = snapshot["resources"]["azuread_directory_settings"].values()
    assert settings["config"]["setting_names"] == ["Group.Unified", "Password Rule Settings"]
    assert settings["config"]["password_rule"]["banned_password_count"] == 3
    assert "acme2026" not in json.dumps(snapshot)  # banned words are counted, not kept
    assert snapshot["coverage"] == []


def test_an_out_of_box_tenant_fails_what_it_leaves_open(
    server: AzureCloudServer, tmp_path: Path
) -> None:
    state = gb.out_of_box()
    state["global_administrators"] = [
        {"@odata.type": "#microsoft.graph.user", "id": f"admin-{n}"} for n in range(6)
    ]
    gb.plant(server.cloud.graph, state)
    server.cloud.graph.page_size = 4  # six Global Administrators: two pages
    server.cloud.put_list(
        f"{SUB}/providers/Microsoft.Security/assessments", [_assessment("Unhealthy")]
    )
    result = _scan(server, tmp_path)  # Graph found through /metadata/endpoints
    status = _status(result)
    assert status.pop("AZURE-ENTRA-001") == "PASS"  # security defaults stay on
    assert status.pop("AZURE-ENTRA-009") == "PASS"  # lockout template defaults: 10 and 60 s
    assert status == {policy: "FAIL" for policy in status}
    assert set(status) == ENTRA_CHECKS - {"AZURE-ENTRA-001", "AZURE-ENTRA-009"} | {
        "AZURE-DEFENDER-016"
    }
    messages = {f["policy_id"]: f["message"] for f in result["findings"]}
    assert "everyone" in messages["AZURE-ENTRA-005"]
    assert "6 users hold Global Administrator" in messages["AZURE-ENTRA-019"]
    assert "vm-patch" in messages["AZURE-DEFENDER-016"]
    tenant = {f["resource"]["id"] for f in result["findings"] if f["policy_id"] in ENTRA_CHECKS}
    assert all(r.startswith("/tenants/") for r in tenant)


def test_a_denied_graph_read_makes_exactly_its_checks_unknown(
    server: AzureCloudServer, tmp_path: Path
) -> None:
    gb.plant(
        server.cloud.graph,
        gb.change(gb.hardened(), security_defaults=False, password_rule={"LockoutThreshold": "50"}),
    )
    server.cloud.graph.fail("/v1.0/policies/authorizationPolicy", 403)
    server.cloud.graph.fail("/v1.0/identity/conditionalAccess/namedLocations", 403)
    result = _scan(server, tmp_path)
    status = _status(result)
    assert {p for p, s in status.items() if s == "UNKNOWN"} == (
        AUTHORIZATION_CHECKS | CONDITIONAL_ACCESS_CHECKS
    )
    assert status["AZURE-ENTRA-019"] == "PASS"
    assert status["AZURE-ENTRA-001"] == "FAIL"
    assert status["AZURE-ENTRA-009"] == "FAIL"
    assert status["AZURE-ENTRA-008"] == "PASS"
    assert status["AZURE-ENTRA-011"] == "PASS"
    unknown = next(f for f in result["findings"] if f["policy_id"] == "AZURE-ENTRA-003")
    assert "Authorization_RequestDenied" in unknown["message"]
    gaps = sorted((g["service"], g["status"], *g["resource_types"]) for g in result["coverage"])
    assert gaps == [
        ("graph", "denied", "azuread_authorization_policy"),
        ("graph", "denied", "azuread_conditional_access"),
    ]


def test_a_token_for_resource_manager_is_refused_by_graph(server: AzureCloudServer) -> None:
    import requests

    token = server.credential().get_token(f"{server.cloud.audience.rstrip('/')}/.default").token
    answer = requests.get(
        f"{server.url}/graph/v1.0/policies/authorizationPolicy",
        headers={"Authorization": f"Bearer {token}"},
        verify=str(server.ca_path),
        timeout=30,
    )
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "InvalidAuthenticationToken"
