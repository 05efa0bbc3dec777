"""The collector through the real google-cloud SDK clients (REST transport) against the
fake: authentication, paging, retries, denied listings, scopes and what a snapshot holds."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from google.auth.credentials import AnonymousCredentials

from cspm_opa import LocalOpa, Status, evaluate, snapshot_from_dict
from cspm_opa.collect import CollectRequest, collect
from cspm_opa.errors import CollectionError
from cspm_opa.localclouds.gcp_cloud import FakeGcp
from cspm_opa.testing import gcp_assets as a
from cspm_opa.testing.gcp_assets import ProjectRef
from tests.gcp.conftest import PROJECT, Harness

BUCKET = "storage.googleapis.com/Bucket"


def _buckets(n: int, project: ProjectRef = PROJECT) -> list[dict[str, Any]]:
    return [a.bucket(project, f"bucket-{i}") for i in range(n)]


def _asset_requests(server: FakeGcp, asset_type: str) -> list[Any]:
    return [
        r
        for r in server.requests
        if r.path.endswith("/assets") and asset_type in r.query.get("assetTypes", [])
    ]


def test_token_uri_of_the_key_file_is_used_and_its_token_presented(harness: Harness) -> None:
    harness.seed()
    harness.collect()
    token_calls = [r for r in harness.server.requests if r.path == "/token"]
    assert token_calls and all(r.status == 200 for r in token_calls)
    api_calls = [r for r in harness.server.requests if r.path != "/token"]
    assert api_calls and all(r.status == 200 for r in api_calls)
    assert all((r.authorization or "").startswith("Bearer ya29.fake-") for r in api_calls)


def test_application_default_credentials_from_the_environment(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness.seed()
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(harness.key_file))
    (doc,) = collect(
        CollectRequest(
            provider="gcp", projects=(PROJECT.project_id,), endpoint=harness.server.endpoint
        )
    )
    assert doc["provider"] == "gcp" and doc["account"]["id"] == PROJECT.project_id
    assert any(r.path == "/token" for r in harness.server.requests)


def test_anonymous_credentials_work_where_no_token_is_needed(tmp_path: Any) -> None:
    with FakeGcp(require_auth=False) as server:
        server.add_project(PROJECT.project_id, PROJECT.number)
        server.add_assets([a.crm_project(PROJECT), *_buckets(1)])
        (doc,) = collect(
            CollectRequest(
                provider="gcp",
                projects=(PROJECT.project_id,),
                endpoint=server.endpoint,
                credential=AnonymousCredentials(),
            )
        )
    assert list(doc["resources"]["google_storage_bucket"]) == ["//storage.googleapis.com/bucket-0"]
    assert not any(r.path == "/token" for r in server.requests)


def test_a_rejected_token_is_a_collection_error(harness: Harness) -> None:
    harness.seed()
    harness.server.fail(400, api="token", message="invalid_grant: account disabled", times=None)
    with pytest.raises(CollectionError, match="authenticate"):
        harness.collect()


def test_every_page_is_read(harness: Harness) -> None:
    harness.seed(*_buckets(5))
    (doc,) = harness.collect()
    assert sorted(doc["resources"]["google_storage_bucket"]) == [
        f"//storage.googleapis.com/bucket-{i}" for i in range(5)
    ]
    pages = _asset_requests(harness.server, BUCKET)
    resource_pages = [r for r in pages if r.query["contentType"] == ["1"]]
    assert [r.query.get("pageToken", [""])[0] != "" for r in resource_pages] == [False, True, True]
    assert all(r.query["pageSize"] == ["1000"] for r in resource_pages)


def test_throttled_listing_is_retried_after_the_wait_the_server_asked_for(harness: Harness) -> None:
    harness.seed(*_buckets(3))
    harness.server.fail(
        429, api="assets", asset_type=BUCKET, content_type="RESOURCE", retry_after="7", times=2
    )
    (doc,) = harness.collect()
    assert len(doc["resources"]["google_storage_bucket"]) == 3
    assert doc["coverage"] == []
    assert harness.sleeps == [7.0, 7.0]
    statuses = [
        r.status for r in _asset_requests(harness.server, BUCKET) if r.query["contentType"] == ["1"]
    ]
    assert statuses == [429, 429, 200, 200]


def test_retry_after_really_waits(harness: Harness) -> None:
    harness.seed()
    harness.server.fail(429, api="assets", asset_type=BUCKET, retry_after="1", times=1)
    started = time.monotonic()
    collect(harness.request(workers=2))
    assert time.monotonic() - started >= 1.0


def test_throttling_that_outlasts_the_retries_is_a_coverage_gap(harness: Harness) -> None:
    harness.seed(*_buckets(1))
    harness.server.fail(429, api="assets", asset_type=BUCKET, content_type="RESOURCE", times=None)
    (doc,) = harness.collect()
    (gap,) = doc["coverage"]
    assert gap["status"] == "throttled" and gap["resource_types"] == ["google_storage_bucket"]
    assert "429" in gap["detail"] and "google_storage_bucket" not in doc["resources"]
    assert len(harness.sleeps) == 4  # five attempts, four waits


def test_denied_listing_is_a_coverage_gap_and_its_checks_are_unknown(
    harness: Harness, engine: LocalOpa
) -> None:
    harness.seed(*_buckets(1), a.sql_instance(PROJECT, "db"))
    harness.server.fail(
        403, api="assets", asset_type="sqladmin.googleapis.com/Instance", times=None
    )
    (doc,) = harness.collect()
    (gap,) = doc["coverage"]
    assert gap == {
        "service": "sql",
        "region": "global",
        "status": "denied",
        "detail": gap["detail"],
        "resource_types": ["google_sql_database_instance"],
    }
    assert gap["detail"].startswith("403 Forbidden: ")
    findings = evaluate([snapshot_from_dict(doc)], engine)
    sql = [f for f in findings if f.resource.type == "google_sql_database_instance"]
    sql_checks = {
        p.id for p in engine.catalog.policies if p.resource_type == "google_sql_database_instance"
    }
    assert {f.policy_id for f in sql} == sql_checks
    assert {f.status for f in sql} == {Status.UNKNOWN}
    assert all("denied" in f.message for f in sql)
    buckets = [f for f in findings if f.resource.type == "google_storage_bucket"]
    assert buckets and Status.UNKNOWN not in {f.status for f in buckets}


def test_denied_iam_policies_make_only_the_checks_that_read_them_unknown(
    harness: Harness, engine: LocalOpa
) -> None:
    harness.seed(
        a.bucket(
            PROJECT, "b", {"iamConfiguration": {"uniformBucketLevelAccess": {"enabled": False}}}
        )
    )
    harness.server.fail(403, api="assets", content_type="IAM_POLICY", times=None)
    (doc,) = harness.collect()
    assert doc["coverage"] == []
    bucket = doc["resources"]["google_storage_bucket"]["//storage.googleapis.com/b"]
    assert bucket["unknown"] == ["iam_bindings"]
    project = next(iter(doc["resources"]["google_project"].values()))
    assert project["unknown"] == ["audit_configs", "iam_bindings"]
    verdicts = {
        (f.policy_id, f.resource.type): f.status
        for f in evaluate([snapshot_from_dict(doc)], engine)
    }
    assert verdicts[("GCP-STORAGE-001", "google_storage_bucket")] is Status.UNKNOWN
    assert verdicts[("GCP-STORAGE-002", "google_storage_bucket")] is Status.FAIL
    assert verdicts[("GCP-IAM-002", "google_project")] is Status.UNKNOWN
    assert verdicts[("GCP-LOGGING-001", "google_project")] is Status.UNKNOWN
    assert verdicts[("GCP-LOGGING-013", "google_project")] is not Status.UNKNOWN


def test_nothing_readable_is_a_collection_error(harness: Harness) -> None:
    harness.seed()
    harness.server.fail(403, api="assets", times=None)
    with pytest.raises(CollectionError, match="could not read any GCP asset listing"):
        harness.collect()


def test_unknown_project_is_a_collection_error(harness: Harness) -> None:
    with pytest.raises(CollectionError, match="cannot list GCP projects"):
        harness.collect(projects=("no-such-project",))


def test_folder_scope_walks_sub_folders(harness: Harness) -> None:
    harness.server.add_folder("10", "organizations/77")
    harness.server.add_folder("11", "folders/10")
    top = ProjectRef("top-proj", "100", ("folders/10", "organizations/77"))
    nested = ProjectRef("nested-proj", "101", ("folders/11", "folders/10", "organizations/77"))
    elsewhere = ProjectRef("other-proj", "102", ("organizations/77",))
    for project in (top, nested, elsewhere):
        harness.seed(project=project)
    harness.server.add_project("gone-proj", "103", parent="folders/11", state="DELETE_REQUESTED")
    docs = harness.collect(projects=(), folder="10")
    assert [d["account"]["id"] for d in docs] == ["nested-proj", "top-proj"]
    docs = harness.collect(projects=(), organization="organizations/77")
    assert [d["account"]["id"] for d in docs] == ["nested-proj", "other-proj", "top-proj"]
    docs = harness.collect(projects=())
    assert len(docs) == 3


def test_endpoint_template_names_each_service(harness: Harness) -> None:
    from cspm_opa.collect.gcp._clients import endpoint_for

    assert endpoint_for("https://{service}-corp.p.googleapis.com", "cloudasset") == (
        "https://cloudasset-corp.p.googleapis.com"
    )
    assert endpoint_for(harness.server.endpoint, "cloudasset") == harness.server.endpoint
    assert endpoint_for(None, "cloudasset") is None


def test_snapshot_is_valid_and_keeps_no_secrets(harness: Harness) -> None:
    account = a.service_account(PROJECT, "ci", "42")
    harness.seed(
        a.instance(PROJECT, "vm"),
        a.sql_instance(PROJECT, "db"),
        account,
        a.service_account_key(
            account, PROJECT, "k1", {"keyType": "USER_MANAGED", "privateKeyData": "LS0tLS1CRUdJTi"}
        ),
        a.api_key(PROJECT, "u1", "web", {"keyString": "AIzaSyD-not-a-real-key"}),
    )
    (doc,) = harness.collect()
    snapshot_from_dict(doc)
    text = json.dumps(doc)
    for secret in (
        "correct-horse",
        "BEGIN CERTIFICATE",
        "ssh-ed25519",
        "LS0tLS1CRUdJTi",
        "AIzaSyD",
    ):
        assert secret not in text, secret
    (sa,) = doc["resources"]["google_service_account"].values()
    assert [k["key_type"] for k in sa["config"]["keys"]] == ["USER_MANAGED"]


def test_workers_share_nothing_but_the_credentials(harness: Harness) -> None:
    projects = [ProjectRef(f"p{i}", str(900 + i), ("organizations/77",)) for i in range(3)]
    for project in projects:
        harness.seed(*_buckets(3, project), project=project)
    docs = harness.collect(projects=tuple(p.project_id for p in projects), workers=6)
    assert [len(d["resources"]["google_storage_bucket"]) for d in docs] == [3, 3, 3]


def test_a_key_the_token_endpoint_does_not_trust_is_refused(
    harness: Harness, tmp_path: Any
) -> None:
    harness.seed()
    with FakeGcp() as stranger:
        foreign_key = stranger.write_key_file(tmp_path / "foreign.json")
    info = json.loads(foreign_key.read_text())
    info["token_uri"] = harness.server.token_uri
    foreign_key.write_text(json.dumps(info))
    harness.key_file = foreign_key
    with pytest.raises(CollectionError, match="unknown signing key"):
        harness.collect()
    assert [r.status for r in harness.server.requests if r.path == "/token"] == [400]
