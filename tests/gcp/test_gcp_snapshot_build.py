"""build_snapshot: assembling one project's listings, failures included."""

from __future__ import annotations

from typing import Any

from cspm_opa.normalize.gcp import ORG_CONTACTS, SOURCES, Failure, Listing, build_snapshot
from cspm_opa.snapshots import snapshot_from_dict
from cspm_opa.testing import gcp_assets as a
from cspm_opa.testing.gcp_assets import ProjectRef, policy

P = ProjectRef("build-proj", "321", ("folders/4", "organizations/1"))
META = {
    "name": "projects/321",
    "projectId": "build-proj",
    "displayName": "Build",
    "state": "ACTIVE",
    "parent": "folders/4",
    "labels": {"env": "dev"},
}
SOURCE = {s.name: s for s in SOURCES}


def _listing(name: str, *assets: dict[str, Any]) -> Listing:
    source = SOURCE[name]
    content = "iamPolicy" if source.content_type == "IAM_POLICY" else "resource"
    shaped = [
        {k: v for k, v in x.items() if k not in ("resource", "iamPolicy") or k == content}
        for x in assets
    ]
    return Listing(source, tuple(shaped))


def _denied(name: str) -> Listing:
    return Listing(SOURCE[name], failure=Failure("denied", "403 Forbidden: no"))


def test_project_document_gathers_its_parts() -> None:
    crm = a.crm_project(P)
    doc = build_snapshot(
        META,
        [
            _listing(
                "project",
                crm,
                a.compute_project(P),
                a.service(P, "cloudasset.googleapis.com"),
                a.service(P, "x.googleapis.com", "DISABLED"),
                a.contact(P, "projects/321", 1, ["SECURITY"], "contact-sec@corp.example"),
            ),
            _listing("iam-policies", crm),
        ],
        taken_at="2026-11-29T10:00:00Z",
        org_contacts=Listing(
            ORG_CONTACTS,
            (
                a.contact(P, "organizations/1", 2, ["LEGAL"], "l@example.com"),
                a.contact(
                    ProjectRef("other", "999", ("organizations/1",)),
                    "projects/999",
                    3,
                    ["ALL"],
                    "o@example.com",
                ),
            ),
        ),
    )
    snapshot_from_dict(doc)
    assert doc["account"] == {"id": "build-proj", "name": "Build", "labels": {"env": "dev"}}
    (project,) = doc["resources"]["google_project"].values()
    config = project["config"]
    assert config["ancestors"] == ["projects/321", "folders/4", "organizations/1"]
    assert config["enabled_services"] == ["cloudasset.googleapis.com"]
    assert config["os_login_enabled"] is True
    assert config["essential_contacts"] == [
        {"parent": "organizations/1", "categories": ["LEGAL"], "validation_state": "VALID"},
        {"parent": "projects/321", "categories": ["SECURITY"], "validation_state": "VALID"},
    ]
    assert [c["service"] for c in config["audit_configs"]] == ["allServices"]
    assert "contact-sec@corp.example" not in repr(doc)
    assert "unknown" not in project


def test_failed_sources_become_coverage_and_unknown_fields() -> None:
    doc = build_snapshot(
        META,
        [
            _denied("project"),
            _denied("iam-policies"),
            _denied("storage"),
            _listing("kms", a.crypto_key(P, "r", "k")),
        ],
        taken_at="2026-11-29T10:00:00Z",
        org_contacts=Listing(ORG_CONTACTS, failure=Failure("denied", "no")),
    )
    snapshot_from_dict(doc)
    assert [(g["service"], g["resource_types"]) for g in doc["coverage"]] == [
        ("project", ["google_apikeys_key"]),
        ("storage", ["google_storage_bucket"]),
    ]
    (project,) = doc["resources"]["google_project"].values()
    assert project["unknown"] == [
        "audit_configs",
        "enabled_services",
        "essential_contacts",
        "iam_bindings",
        "os_login_enabled",
    ]
    (key,) = doc["resources"]["google_kms_crypto_key"].values()
    assert key["unknown"] == ["iam_bindings"]


def test_iam_policies_and_keys_land_on_their_resources() -> None:
    bucket = a.bucket(P, "b", iam_policy=policy(("roles/storage.objectViewer", ["allUsers"])))
    account = a.service_account(P, "ci", "77")
    key = a.service_account_key(account, P, "k9", {"keyType": "USER_MANAGED"})
    doc = build_snapshot(
        META,
        [
            _listing("storage", bucket),
            _listing("iam-policies", bucket),
            _listing("iam", account, key),
        ],
        taken_at="2026-11-29T10:00:00Z",
    )
    snapshot_from_dict(doc)
    (b,) = doc["resources"]["google_storage_bucket"].values()
    assert b["config"]["iam_bindings"] == [
        {"role": "roles/storage.objectViewer", "members": ["allUsers"], "condition": None}
    ]
    (sa,) = doc["resources"]["google_service_account"].values()
    assert [(k["key_id"], k["key_type"]) for k in sa["config"]["keys"]] == [("k9", "USER_MANAGED")]
    assert doc["regions"] == ["us"]
