"""Faults through the real SDK clients: 429 with Retry-After is retried, a forbidden
listing becomes a coverage gap and UNKNOWN results, a forbidden detail an unknown field,
and no way in at all a CollectionError."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import cspm_opa.collect.azure._session as session
from cspm_opa import LocalOpa, Status, evaluate, snapshot_from_dict
from cspm_opa.collect import CollectRequest, collect
from cspm_opa.errors import CollectionError
from cspm_opa.localclouds.azure_cloud import AzureCloudServer
from cspm_opa.localclouds.azure_estate import DEV, PROD, seed
from tests.azure.conftest import Collect

PROD_SUB = f"/subscriptions/{PROD}"
DEV_SUB = f"/subscriptions/{DEV}"


def _by_id(docs: list[dict[str, Any]], sid: str) -> dict[str, Any]:
    return next(d for d in docs if d["account"]["id"] == sid)


@pytest.fixture(scope="module")
def broken(engine: LocalOpa) -> Iterator[Any]:
    """The demo estate with one throttled listing, three forbidden ones and one
    forbidden detail, collected and evaluated."""
    with AzureCloudServer() as azure_server, pytest.MonkeyPatch.context() as mp:
        mp.setenv("REQUESTS_CA_BUNDLE", str(azure_server.ca_path))
        yield _broken(azure_server, engine)


def _broken(azure_server: AzureCloudServer, engine: LocalOpa) -> Any:
    cloud = azure_server.cloud
    seed(cloud)
    cloud.fail(
        f"{PROD_SUB}/providers/Microsoft.Storage/storageAccounts", 429, times=1, retry_after=1
    )
    cloud.fail(f"{DEV_SUB}/providers/Microsoft.Network/networkSecurityGroups", 403)
    cloud.fail(f"{DEV_SUB}/providers/Microsoft.Insights/activityLogAlerts", 403)
    cloud.fail(f"{DEV_SUB}/providers/Microsoft.Security/pricings", 403)
    cloud.fail(f"{DEV_SUB}/resources", 403)
    app = f"{DEV_SUB}/resourceGroups/web/providers/Microsoft.Web/sites/app-dev-good"
    cloud.fail(f"{app}/config/web", 403)
    docs = collect(
        CollectRequest("azure", endpoint=azure_server.url, credential=azure_server.credential())
    )
    findings = evaluate([snapshot_from_dict(d) for d in docs], engine)
    return azure_server, docs, findings, app


def test_429_with_retry_after_is_retried(broken: Any) -> None:
    server, docs, _, _ = broken
    hits = server.cloud.hits(f"{PROD_SUB}/providers/Microsoft.Storage/storageAccounts")
    assert [h.status for h in hits] == [429, 200]
    prod = _by_id(docs, PROD)
    assert prod["coverage"] == []
    assert len(prod["resources"]["azurerm_storage_account"]) == 1


def test_forbidden_listing_is_a_denied_coverage_gap(broken: Any) -> None:
    _, docs, _, _ = broken
    gaps = {g["service"]: g for g in _by_id(docs, DEV)["coverage"]}
    network = gaps["network"]
    assert network["status"] == "denied"
    assert network["region"] == "global"
    assert network["resource_types"] == ["azurerm_network_security_group"]
    assert "AuthorizationFailed (403)" in network["detail"]
    assert gaps["monitor"]["resource_types"] == ["azurerm_monitor_activity_log_alert"]
    assert "azurerm_network_security_group" not in _by_id(docs, DEV)["resources"]


def test_checks_of_an_uncollected_type_are_unknown(broken: Any) -> None:
    _, _, findings, _ = broken
    dev = [f for f in findings if f.resource.account == DEV]
    rdp = [f for f in dev if f.policy_id == "AZURE-NETWORK-001"]
    assert [(f.resource.id, f.status) for f in rdp] == [
        ("azurerm_network_security_group/global/*", Status.UNKNOWN)
    ]
    alert = next(f for f in dev if f.policy_id == "AZURE-MONITOR-003")
    assert alert.status is Status.UNKNOWN
    assert "denied" in alert.message
    prod_alert = next(
        f for f in findings if f.resource.account == PROD and f.policy_id == "AZURE-MONITOR-003"
    )
    assert prod_alert.status is Status.PASS


def test_forbidden_subscription_setting_is_an_unknown_field(broken: Any) -> None:
    _, docs, findings, _ = broken
    sub = _by_id(docs, DEV)["resources"]["azurerm_subscription"][DEV_SUB]
    assert sub["unknown"] == ["defender_plans", "resource_locations"]
    status = {f.policy_id: f.status for f in findings if f.resource.id == DEV_SUB}
    assert status["AZURE-DEFENDER-001"] is Status.UNKNOWN
    assert status["AZURE-NETWORK-006"] is Status.UNKNOWN
    assert status["AZURE-DEFENDER-013"] is Status.FAIL  # contacts were read


def test_forbidden_detail_is_unknown_for_that_resource(broken: Any) -> None:
    _, docs, findings, app = broken
    site = _by_id(docs, DEV)["resources"]["azurerm_app_service"][app]
    assert site["unknown"] == ["site_config"]
    status = {f.policy_id: f.status for f in findings if f.resource.id == app}
    assert status["AZURE-APPSERVICE-003"] is Status.UNKNOWN
    assert status["AZURE-APPSERVICE-002"] is Status.PASS


def test_throttling_that_outlasts_retries_is_a_throttled_gap(
    azure_server: AzureCloudServer, run_collect: Collect, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session, "RETRY_BACKOFF", 0.01)
    seed(azure_server.cloud)
    path = f"{PROD_SUB}/providers/Microsoft.Compute/disks"
    azure_server.cloud.fail(path, 429, retry_after=0)
    docs = run_collect(azure_server, subscriptions=(PROD,))
    (gap,) = docs[0]["coverage"]
    assert (gap["service"], gap["status"], gap["resource_types"]) == (
        "compute",
        "throttled",
        ["azurerm_managed_disk"],
    )
    assert len(azure_server.cloud.hits(path)) == 5  # the first try and four retries


def test_wrong_client_secret_is_a_collection_error(
    azure_server: AzureCloudServer, run_collect: Collect
) -> None:
    from azure.identity import ClientSecretCredential

    seed(azure_server.cloud)
    wrong = ClientSecretCredential(
        azure_server.cloud.tenant_id,
        azure_server.cloud.client_id,
        "not-the-secret",
        authority=azure_server.url,
        disable_instance_discovery=True,
        connection_verify=str(azure_server.ca_path),
    )
    with pytest.raises(CollectionError, match="cannot list Azure subscriptions"):
        run_collect(azure_server, credential=wrong)


def test_forbidden_subscription_listing_is_a_collection_error(
    azure_server: AzureCloudServer, run_collect: Collect
) -> None:
    seed(azure_server.cloud)
    azure_server.cloud.fail("/subscriptions", 403)
    with pytest.raises(CollectionError, match=r"AuthorizationFailed \(403\)"):
        run_collect(azure_server)
