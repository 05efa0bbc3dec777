"""Azure and GCP events against the local clouds: an Event Grid event for one storage
account and an audit log entry for one bucket are re-evaluated for that resource only."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from cspm_opa import LocalOpa
from cspm_opa.collect import CollectRequest, collect
from cspm_opa.events import parse_event, reevaluate
from cspm_opa.schemas import default_store
from tests.events.test_parse import grid_event, log_entry


@pytest.fixture
def ca_bundle() -> Iterator[None]:
    saved = os.environ.get("REQUESTS_CA_BUNDLE")
    yield
    if saved is None:
        os.environ.pop("REQUESTS_CA_BUNDLE", None)
    else:
        os.environ["REQUESTS_CA_BUNDLE"] = saved


def _only(result: dict[str, Any], rid: str, rtype: str) -> None:
    assert result["kind"] == "event"
    assert list(default_store().issues("scan_result.json", result)) == []
    assert result["findings"]
    assert {f["resource"]["id"].lower() for f in result["findings"]} == {rid.lower()}
    assert {p["resource_type"] for p in result["policies"]} == {rtype}


def test_azure_event_grid_storage_account(engine: LocalOpa, ca_bundle: None) -> None:
    from cspm_opa.localclouds.azure_demo import azure_demo_cloud

    with azure_demo_cloud() as server:
        os.environ["REQUESTS_CA_BUNDLE"] = str(server.ca_path)
        request = CollectRequest(
            provider="azure", endpoint=server.url, credential=server.credential()
        )
        docs = collect(request)
        doc = next(d for d in docs if d["resources"].get("azurerm_storage_account"))
        rid = next(iter(doc["resources"]["azurerm_storage_account"]))
        event = parse_event("azure", grid_event(rid))
        assert event.account == doc["account"]["id"]
        outcome = reevaluate(event, request, engine)
    assert outcome.result is not None
    _only(outcome.result, rid, "azurerm_storage_account")
    assert outcome.snapshots[0].account_id == doc["account"]["id"]


def test_gcp_audit_log_bucket(engine: LocalOpa) -> None:
    from cspm_opa.localclouds.gcp_demo import gcp_demo_cloud

    with gcp_demo_cloud() as cloud:
        request = cloud.collect_request()
        docs = collect(request)
        doc = next(d for d in docs if d["resources"].get("google_storage_bucket"))
        rid, bucket = next(iter(doc["resources"]["google_storage_bucket"].items()))
        entry = log_entry(
            "storage.googleapis.com",
            "storage.setIamPermissions",
            f"projects/_/buckets/{bucket['name']}",
        )
        entry["resource"]["labels"]["project_id"] = doc["account"]["id"]
        outcome = reevaluate(parse_event("gcp", entry), request, engine)
    assert outcome.result is not None
    _only(outcome.result, rid, "google_storage_bucket")
