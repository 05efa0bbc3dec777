"""The demo estate end to end through the real azure-mgmt clients: collect, validate,
evaluate with OPA. Every planted issue FAILs (or is UNKNOWN where it was made
unreadable), every compliant twin PASSes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from cspm_opa import LocalOpa, Status, evaluate, snapshot_from_dict
from cspm_opa.collect import CollectRequest, collect
from cspm_opa.localclouds.azure_cloud import AzureCloudServer
from cspm_opa.localclouds.azure_estate import DEV, PROD, SUBSCRIPTIONS, Expected, seed
from tests.azure.conftest import Collect


@pytest.fixture(scope="module")
def scanned(engine: LocalOpa) -> Iterator[Any]:
    """One scan of a server of its own, so its request log holds only this scan."""
    with AzureCloudServer() as server, pytest.MonkeyPatch.context() as mp:
        expected = seed(server.cloud)
        mp.setenv("REQUESTS_CA_BUNDLE", str(server.ca_path))
        docs = collect(
            CollectRequest(provider="azure", endpoint=server.url, credential=server.credential())
        )
        findings = evaluate([snapshot_from_dict(d) for d in docs], engine)
        yield docs, findings, expected, server


def test_one_valid_snapshot_per_subscription(scanned: Any) -> None:
    docs, _, _, _ = scanned
    assert [(d["provider"], d["account"]["id"], d["account"]["name"]) for d in docs] == sorted(
        ("azure", sid, name) for sid, name in SUBSCRIPTIONS.items()
    )
    dev = next(d for d in docs if d["account"]["id"] == DEV)
    assert dev["regions"] == ["eastus", "westeurope"]
    assert dev["coverage"] == []
    sub = dev["resources"]["azurerm_subscription"][f"/subscriptions/{DEV}"]
    assert sub["config"]["resource_locations"] == ["eastus", "westeurope"]


def test_every_planted_issue_is_found_and_every_twin_passes(scanned: Any) -> None:
    _, findings, expected, _ = scanned
    azure = [f for f in findings if f.resource.provider == "azure"]
    got = {(f.resource.account, f.policy_id, f.resource.id): f.status for f in azure}
    want = {key: Status(expected.get(key[0], {}).get(key[1:], "PASS")) for key in got}
    assert {k: v for k, v in got.items() if v != want[k]} == {}
    planted = {(sid, *key) for sid, keys in expected.items() for key in keys}
    assert planted <= set(got), planted - set(got)
    assert not [k for k in planted if k[0] == PROD]
    policies = {f.policy_id for f in azure}
    assert len(policies) >= 75
    failing = {f.policy_id for f in azure if f.status is Status.FAIL}
    passing = {f.policy_id for f in azure if f.status is Status.PASS}
    assert len(failing & passing) >= 70


def test_secret_values_never_reach_a_snapshot(scanned: Any) -> None:
    docs, _, _, _ = scanned
    text = json.dumps(docs)
    assert "planted-secret-value-must-not-leak" not in text
    assert "planted-instrumentation-key" not in text
    assert "sqladmin" not in text


def test_listings_are_paged_through_next_link(scanned: Any) -> None:
    _, _, _, server = scanned
    alerts = f"/subscriptions/{PROD}/providers/Microsoft.Insights/activityLogAlerts"
    pages = server.cloud.hits(alerts)
    assert len(pages) == 6  # eleven alerts, two a page
    assert all(p.query.get("api-version") for p in pages)
    assert [p.query.get("$skiptoken", ["0"])[0] for p in pages] == ["0", "2", "4", "6", "8", "10"]
    graph = server.cloud.hits("/providers/Microsoft.ResourceGraph/resources", method="POST")
    assert len(graph) == 3  # dev's three rows take two pages, prod's two rows one


def test_a_forbidden_detail_is_unknown_for_that_resource_only(scanned: Any) -> None:
    docs, findings, _, _ = scanned
    vaults = next(d for d in docs if d["account"]["id"] == DEV)["resources"]["azurerm_key_vault"]
    locked = next(v for v in vaults.values() if v["name"] == "kv-dev-locked")
    assert locked["unknown"] == ["secrets"]
    assert locked["config"]["keys"]
    by_check = {f.policy_id: f.status for f in findings if f.resource.id == locked["id"]}
    assert by_check["AZURE-KEYVAULT-003"] is Status.UNKNOWN
    assert by_check["AZURE-KEYVAULT-001"] is Status.PASS
    assert by_check["AZURE-KEYVAULT-005"] is Status.PASS


def test_collect_scoped_to_one_subscription(
    demo_azure: tuple[AzureCloudServer, Expected], run_collect: Collect
) -> None:
    server, _ = demo_azure
    docs = run_collect(server, subscriptions=(PROD,), workers=2)
    assert [d["account"]["id"] for d in docs] == [PROD]


def test_demo_snapshots_for_cspm_opa_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    from cspm_opa.localclouds.azure_demo import collect_demo_snapshots

    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    docs = collect_demo_snapshots()
    assert sorted(d["account"]["name"] for d in docs) == ["contoso-dev", "contoso-prod"]
    assert all(snapshot_from_dict(d) for d in docs)
    import os

    assert "REQUESTS_CA_BUNDLE" not in os.environ
