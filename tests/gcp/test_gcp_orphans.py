"""Joins in the GCP snapshot never drop data: keys reach their service account by their own
name, and a key or IAM policy whose owner was not listed makes the owner's checks UNKNOWN
(an ``unknown`` entry, a coverage entry naming it), never PASS."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cspm_opa import Status, evaluate
from cspm_opa.engine.local import LocalOpa
from cspm_opa.normalize.gcp import SOURCES, Failure, Listing, build_snapshot
from cspm_opa.snapshots import snapshot_from_dict
from cspm_opa.testing import gcp_assets as a
from cspm_opa.testing.gcp_assets import ProjectRef

P = ProjectRef("orphan-proj", "4242", ("organizations/1",))
META = {"name": "projects/4242", "projectId": "orphan-proj", "state": "ACTIVE"}
SOURCE = {s.name: s for s in SOURCES}
SA = "google_service_account"
USER_KEY = {"keyType": "USER_MANAGED", "keyOrigin": "GOOGLE_PROVIDED"}


def _listing(name: str, *assets: dict[str, Any]) -> Listing:
    return Listing(SOURCE[name], tuple(assets))


def _snapshot(*listings: Listing) -> dict[str, Any]:
    crm = a.crm_project(P)
    base = [_listing("project", crm), _listing("iam-policies", crm)]
    return build_snapshot(META, [*base, *listings], taken_at="2026-11-29T10:00:00Z")


def _key(owner: dict[str, Any], key_id: str, *, named_by: str, parent: str) -> dict[str, Any]:
    """A user-managed key of ``owner`` whose asset name uses ``named_by`` (the account's
    unique id or email) and whose ``resource.parent`` is ``parent``."""
    key = copy.deepcopy(a.service_account_key(owner, P, key_id, USER_KEY))
    key["name"] = (
        f"//iam.googleapis.com/projects/{P.project_id}/serviceAccounts/{named_by}/keys/{key_id}"
    )
    key["resource"]["parent"] = parent
    return key


def _verdicts(doc: dict[str, Any], engine: LocalOpa) -> dict[tuple[str, str], Status]:
    return {
        (f.policy_id, f.resource.id): f.status for f in evaluate([snapshot_from_dict(doc)], engine)
    }


def _account(doc: dict[str, Any], account: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = doc["resources"][SA][account["name"]]
    return found


@pytest.mark.parametrize("by", ["unique id", "email", "EMAIL"])
def test_a_key_whose_parent_is_the_project_reaches_its_account_by_its_name(
    by: str, engine: LocalOpa
) -> None:
    account = a.service_account(P, "deployer", "1170")
    email = account["resource"]["data"]["email"]
    named_by = {"unique id": "1170", "email": email, "EMAIL": email.upper()}[by]
    key = _key(account, "k1", named_by=named_by, parent=P.crm_name)
    doc = _snapshot(_listing("iam", account, key))
    sa = _account(doc, account)
    assert [k["key_id"] for k in sa["config"]["keys"]] == ["k1"]
    assert "unknown" not in sa and doc["coverage"] == []
    # Before, the key was dropped and the account passed CIS 1.4 with a user-managed key.
    assert _verdicts(doc, engine)[("GCP-IAM-001", account["name"])] is Status.FAIL


def test_a_key_of_an_unlisted_account_makes_key_checks_unknown_and_names_the_key(
    engine: LocalOpa,
) -> None:
    listed = a.service_account(P, "listed", "1001")
    other = a.service_account(P, "ghost", "2002")  # owns the key, but was not listed
    key = _key(other, "k7", named_by="2002", parent=other["name"])
    doc = _snapshot(_listing("iam", listed, key))
    sa = _account(doc, listed)
    assert sa["config"]["keys"] == []
    assert sa["unknown"] == ["keys"]
    (gap,) = doc["coverage"]
    assert gap["resource_types"] == [SA] and gap["status"] == "error"
    assert key["name"] in gap["detail"] and "2002" in gap["detail"]
    verdicts = _verdicts(doc, engine)
    for check in ("GCP-IAM-001", "GCP-IAM-004"):  # CIS GCP 1.4 and 1.7 read keys
        assert verdicts[(check, listed["name"])] is Status.UNKNOWN
        assert verdicts[(check, f"{SA}/global/*")] is Status.UNKNOWN
    assert Status.PASS not in {s for (_, rid), s in verdicts.items() if rid == listed["name"]}


def test_a_key_whose_name_names_no_account_marks_every_account() -> None:
    first = a.service_account(P, "one", "1")
    second = a.service_account(P, "two", "2")
    key = a.service_account_key(first, P, "k", USER_KEY)
    key = {**key, "name": "//iam.googleapis.com/keys/k", "resource": {**key["resource"]}}
    key["resource"]["parent"] = P.crm_name
    key["resource"]["data"] = {k: v for k, v in key["resource"]["data"].items() if k != "name"}
    doc = _snapshot(_listing("iam", first, second, key))
    for account in (first, second):
        assert _account(doc, account)["unknown"] == ["keys"]
    (gap,) = doc["coverage"]
    assert "an unnamed service account" in gap["detail"]


def test_keys_of_listed_accounts_are_kept_beside_an_orphan() -> None:
    owner = a.service_account(P, "owner", "10")
    keyed = a.service_account_key(owner, P, "mine", USER_KEY)
    orphan = _key(owner, "lost", named_by="99", parent=P.crm_name)
    doc = _snapshot(_listing("iam", owner, keyed, orphan))
    sa = _account(doc, owner)
    assert [k["key_id"] for k in sa["config"]["keys"]] == ["mine"]
    assert sa["unknown"] == ["keys"]
    assert len(doc["coverage"]) == 1
    snapshot_from_dict(doc)  # still valid against the schemas


def test_an_iam_policy_of_an_unlisted_bucket_is_a_coverage_entry(engine: LocalOpa) -> None:
    listed = a.bucket(P, "listed")
    unlisted = a.bucket(
        P, "unlisted", iam_policy=a.policy(("roles/storage.objectViewer", ["allUsers"]))
    )
    doc = _snapshot(_listing("storage", listed), _listing("iam-policies", listed, unlisted))
    (gap,) = doc["coverage"]
    assert gap["resource_types"] == ["google_storage_bucket"]
    assert unlisted["name"] in gap["detail"]
    verdicts = _verdicts(doc, engine)
    assert verdicts[("GCP-STORAGE-001", "google_storage_bucket/global/*")] is Status.UNKNOWN


def test_an_iam_policy_of_a_bucket_whose_listing_failed_adds_no_second_entry() -> None:
    unlisted = a.bucket(P, "b", iam_policy=a.policy(("roles/storage.admin", ["user:x@y.z"])))
    denied = Listing(SOURCE["storage"], failure=Failure("denied", "403"))
    doc = _snapshot(denied, _listing("iam-policies", unlisted))
    assert [g["status"] for g in doc["coverage"]] == ["denied"]


def test_an_iam_listing_without_the_project_policy_makes_project_bindings_unknown(
    engine: LocalOpa,
) -> None:
    crm = a.crm_project(P)
    bucket = a.bucket(P, "b")
    doc = build_snapshot(
        META,
        [_listing("project", crm), _listing("iam-policies", bucket), _listing("storage", bucket)],
        taken_at="2026-11-29T10:00:00Z",
    )
    project = next(iter(doc["resources"]["google_project"].values()))
    assert project["config"]["iam_bindings"] == []
    assert project["unknown"] == ["audit_configs", "iam_bindings"]
    verdicts = _verdicts(doc, engine)
    assert verdicts[("GCP-IAM-002", project["id"])] is Status.UNKNOWN
