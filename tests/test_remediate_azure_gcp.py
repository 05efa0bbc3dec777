"""Remediation on the local Azure and GCP, through the real SDK clients and the real
collectors: a dry run makes no write call and changes nothing; --apply fixes exactly the
selected findings and a re-scan shows them PASS; a ``cspm-remediate: never`` tag and the
scope file's ``remediation.never`` are skipped; the servers answer bad writes as the
APIs do."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.cli import main
from cspm_opa.collect import collect
from cspm_opa.localclouds.azure_cloud import AzureCloudServer
from cspm_opa.localclouds.azure_demo import azure_demo_cloud
from cspm_opa.localclouds.gcp_demo import GcpDemoCloud, gcp_demo_cloud
from cspm_opa.schemas import default_store

SUB = "3a9d4b17-6e28-4f0a-b5c1-8e2f7d9a0c44"
ACCOUNTS = f"/subscriptions/{SUB}/resourceGroups/data/providers/Microsoft.Storage/storageAccounts"
BAD, SHARE = f"{ACCOUNTS}/stdevbad", f"{ACCOUNTS}/stdevshare"
PROJECT = "acme-prod-gcp"
FIREWALLS = f"//compute.googleapis.com/projects/{PROJECT}/global/firewalls"
BUCKET = "//storage.googleapis.com/acme-prod-public-assets"


def _scan(argv: list[str], path: Path) -> dict[tuple[str, str], str]:
    assert main(["scan", *argv, "--format", "json", "-o", str(path)]) == 0
    result = json.loads(path.read_bytes())
    return {(f["policy_id"], f["resource"]["id"]): f["status"] for f in result["findings"]}


def _remediate(argv: list[str], out: Path) -> tuple[int, list[dict[str, Any]]]:
    code = main(["remediate", *argv, "--format", "json", "-o", str(out)])
    plan: list[dict[str, Any]] = json.loads(out.read_bytes())
    assert list(default_store().issues("remediation_plan.json", plan)) == []
    return code, plan


def _audit(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- Azure -----------------------------------------------------------------------------


@pytest.fixture
def azure(monkeypatch: pytest.MonkeyPatch) -> Iterator[AzureCloudServer]:
    with azure_demo_cloud() as server:
        for key, value in server.env().items():
            monkeypatch.setenv(key, value)
        yield server


def _azure_state(server: AzureCloudServer) -> str:
    with server.cloud._lock:
        return json.dumps([server.cloud.lists, server.cloud.objects], sort_keys=True)


def test_azure_dry_run_then_apply_the_selected_check(
    azure: AzureCloudServer, tmp_path: Path
) -> None:
    tags = {"environment": "development", "cspm-remediate": "never"}
    assert azure.cloud.patch(SHARE, {"tags": tags}) is not None
    scan = ["--provider", "azure", "--azure-endpoint", azure.url]
    result = tmp_path / "result.json"
    status = _scan(scan, result)
    assert status[("AZURE-STORAGE-003", BAD)] == status[("AZURE-STORAGE-001", BAD)] == "FAIL"
    assert status[("AZURE-STORAGE-003", SHARE)] == "FAIL"

    before = _azure_state(azure)
    code, plan = _remediate([str(result), *scan], tmp_path / "plan.json")
    assert code == 0
    assert _azure_state(azure) == before
    assert not [r for r in azure.cloud.requests if r.method == "PATCH"]
    rows = {(a["policy_id"], a["resource"]): a for a in plan}
    bad = rows[("AZURE-STORAGE-003", BAD)]
    assert (bad["action"], bad["skipped"]) == ("Microsoft.Storage:StorageAccounts_Update", None)
    assert bad["params"] == {"subscriptionId": SUB, "resourceGroupName": "data",
                             "accountName": "stdevbad",
                             "body": {"properties": {"allowBlobPublicAccess": False}}}  # fmt: skip
    assert rows[("AZURE-STORAGE-001", BAD)]["params"]["body"] == {
        "properties": {"supportsHttpsTrafficOnly": True}
    }
    assert rows[("AZURE-STORAGE-003", SHARE)]["skipped"] == (
        "the resource is tagged cspm-remediate: never"
    )

    audit = tmp_path / "audit.jsonl"
    code, plan = _remediate([str(result), *scan, "--policy-id", "AZURE-STORAGE-003", "--apply",
                             "--audit-log", str(audit)], tmp_path / "applied.json")  # fmt: skip
    assert code == 0
    assert [(a["resource"], a["applied"]) for a in plan] == [(BAD, True), (SHARE, False)]
    (record,) = _audit(audit)
    assert record["who"] == f"client:{azure.cloud.client_id}"
    assert record["before"] == {"allowBlobPublicAccess": True, "supportsHttpsTrafficOnly": False}
    assert record["after"] == {"allowBlobPublicAccess": False, "supportsHttpsTrafficOnly": False}
    patches = [r for r in azure.cloud.requests if r.method == "PATCH"]
    assert [(r.path, r.status) for r in patches] == [(BAD.lower(), 200)]
    assert patches[0].query["api-version"]  # the SDK's own api-version

    status = _scan(scan, tmp_path / "rescan.json")
    assert status[("AZURE-STORAGE-003", BAD)] == "PASS"
    assert status[("AZURE-STORAGE-001", BAD)] == "FAIL"  # not selected
    assert status[("AZURE-STORAGE-003", SHARE)] == "FAIL"  # tagged never


def test_azure_update_of_a_missing_account_is_404(azure: AzureCloudServer) -> None:
    from azure.core.exceptions import ResourceNotFoundError
    from azure.mgmt.storage import StorageManagementClient

    client = StorageManagementClient(azure.credential(), SUB, base_url=azure.url)
    with pytest.raises(ResourceNotFoundError) as info:
        client.storage_accounts.update("data", "nosuch", {"properties": {}})
    assert info.value.status_code == 404
    account = client.storage_accounts.get_properties("data", "stdevbad")
    assert account.name == "stdevbad"


# --- GCP -------------------------------------------------------------------------------


@pytest.fixture
def gcp(monkeypatch: pytest.MonkeyPatch) -> Iterator[GcpDemoCloud]:
    with gcp_demo_cloud() as cloud:
        for key, value in cloud.env.items():
            monkeypatch.setenv(key, value)
        yield cloud


def _gcp_resources(cloud: GcpDemoCloud) -> list[Any]:
    docs = collect(cloud.collect_request())
    return [doc["resources"] for doc in sorted(docs, key=lambda d: d["account"]["id"])]


def test_gcp_dry_run_then_apply_with_a_scope_opt_out(gcp: GcpDemoCloud, tmp_path: Path) -> None:
    scan = ["--provider", "gcp", "--gcp-endpoint", gcp.endpoint,
            "--projects", ",".join(gcp.project_ids)]  # fmt: skip
    result = tmp_path / "result.json"
    status = _scan(scan, result)
    assert status[("GCP-STORAGE-001", BUCKET)] == "FAIL"
    for rule, policy in (("allow-ssh-bastion", "GCP-VPC-003"), ("default-allow-ssh",
                         "GCP-VPC-003"), ("default-allow-rdp", "GCP-VPC-004")):  # fmt: skip
        assert status[(policy, f"{FIREWALLS}/{rule}")] == "FAIL"

    before = _gcp_resources(gcp)
    code, plan = _remediate([str(result), *scan], tmp_path / "plan.json")
    assert code == 0
    assert not [r for r in gcp.server.requests if r.method == "PATCH"]
    assert _gcp_resources(gcp) == before
    rows = {a["resource"]: a for a in plan}
    assert rows[BUCKET]["action"] == "storage:buckets.patch"
    assert rows[BUCKET]["params"] == {
        "bucket": "acme-prod-public-assets",
        "body": {"iamConfiguration": {"publicAccessPrevention": "enforced"}},
    }
    bastion = rows[f"{FIREWALLS}/allow-ssh-bastion"]
    assert (bastion["action"], bastion["region"]) == ("compute:firewalls.patch", "global")
    assert bastion["params"] == {"project": PROJECT, "firewall": "allow-ssh-bastion",
                                 "body": {"disabled": True}}  # fmt: skip

    scope = tmp_path / "scope.yaml"
    scope.write_text(f"accounts: []\nremediation:\n  never: ['{FIREWALLS}/default-*']\n",
                     encoding="utf-8")  # fmt: skip
    audit = tmp_path / "audit.jsonl"
    code, plan = _remediate([str(result), *scan, "--scope", str(scope), "--apply",
                             "--audit-log", str(audit)], tmp_path / "applied.json")  # fmt: skip
    assert code == 0
    applied = sorted(a["resource"] for a in plan if a["applied"])
    assert applied == [f"{FIREWALLS}/allow-ssh-bastion", BUCKET]
    skipped = {a["resource"]: a["skipped"] for a in plan if not a["applied"]}
    assert skipped == dict.fromkeys(
        (f"{FIREWALLS}/default-allow-ssh", f"{FIREWALLS}/default-allow-rdp"),
        f"the scope file opts it out (remediation.never: '{FIREWALLS}/default-*')",
    )
    records = _audit(audit)
    assert len(records) == 2
    assert {r["who"] for r in records} == {"cspm-scanner@cspm-tools.iam.gserviceaccount.com"}
    firewall = next(r for r in records if r["what"]["action"] == "compute:firewalls.patch")
    assert (firewall["before"]["disabled"], firewall["after"]["disabled"]) == (False, True)

    status = _scan(scan, tmp_path / "rescan.json")
    assert status[("GCP-STORAGE-001", BUCKET)] == "PASS"
    assert status[("GCP-VPC-003", f"{FIREWALLS}/allow-ssh-bastion")] == "PASS"
    assert status[("GCP-VPC-003", f"{FIREWALLS}/default-allow-ssh")] == "FAIL"
    assert status[("GCP-VPC-004", f"{FIREWALLS}/default-allow-rdp")] == "FAIL"


def test_gcp_writes_answer_errors_as_the_apis_do(gcp: GcpDemoCloud) -> None:
    import requests
    from google.auth.transport.requests import AuthorizedSession

    http = AuthorizedSession(gcp.credentials())
    storage = f"{gcp.endpoint}/storage/v1/b"
    missing = http.patch(f"{storage}/nosuch", json={"labels": {"a": "b"}})
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "The specified bucket does not exist."
    pap = {"iamConfiguration": {"publicAccessPrevention": "sometimes"}}
    bad = http.patch(f"{storage}/acme-prod-public-assets", json=pap)
    assert bad.status_code == 400 and bad.json()["error"]["status"] == "INVALID_ARGUMENT"
    rule = f"{gcp.endpoint}/compute/v1/projects/{PROJECT}/global/firewalls/default-allow-ssh"
    assert http.patch(rule, json={"disabled": "yes"}).status_code == 400
    operation = http.patch(rule, json={"disabled": True}).json()
    assert (operation["kind"], operation["status"]) == ("compute#operation", "DONE")
    again = http.get(f"{gcp.endpoint}/compute/v1/projects/{PROJECT}/global/operations/"
                     f"{operation['name']}").json()  # fmt: skip
    assert again == operation
    assert http.get(rule).json()["disabled"] is True
    assert requests.patch(rule, json={"disabled": False}, timeout=10).status_code == 401
    assert http.get(rule).json()["disabled"] is True  # a write needs a token
