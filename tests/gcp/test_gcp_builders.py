"""The GCP builders: schema-valid, compliant with every check, and easy to break."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from cspm_opa import LocalOpa, Status, evaluate, snapshot_from_dict
from cspm_opa.testing import gcp_builders as g


def _everything() -> list[dict[str, Any]]:
    return [
        *g.project_baseline(),
        g.service_account(),
        g.storage_bucket(),
        g.kms_crypto_key(),
        g.compute_network(),
        g.compute_subnetwork(),
        g.compute_firewall(),
        g.compute_instance(),
        g.compute_disk(),
        g.compute_backend_service(),
        g.dns_managed_zone(),
        g.dns_policy(),
        g.sql_database_instance(),
        g.sql_database_instance("crm", "MYSQL"),
        g.sql_database_instance("erp", "SQLSERVER"),
        g.bigquery_dataset(),
        g.bigquery_table(),
        g.dataproc_cluster(),
    ]


def test_compliant_estate_passes_every_gcp_check(engine: LocalOpa) -> None:
    findings = evaluate([snapshot_from_dict(g.snapshot("acme-prod-gcp", _everything()))], engine)
    gcp = {p.id for p in engine.catalog.policies if p.provider == "gcp"} - {
        "GCP-APIKEYS-002",
        "GCP-APIKEYS-003",
    }
    assert {f.policy_id for f in findings} == gcp
    assert Counter(f.status for f in findings) == {Status.PASS: len(findings)}


def test_api_keys_pass_their_own_checks_but_fail_the_project(engine: LocalOpa) -> None:
    doc = g.snapshot("acme-prod-gcp", [g.project(), g.apikeys_key()])
    verdicts = {
        f.policy_id: f.status
        for f in evaluate([snapshot_from_dict(doc)], engine)
        if f.policy_id.startswith("GCP-APIKEYS")
    }
    assert verdicts == {
        "GCP-APIKEYS-001": Status.FAIL,
        "GCP-APIKEYS-002": Status.PASS,
        "GCP-APIKEYS-003": Status.PASS,
    }


BROKEN = [
    (lambda: g.storage_bucket(config={"uniform_bucket_level_access": False}), "GCP-STORAGE-002"),
    (
        lambda: g.compute_instance(config={"metadata": {"serial_port_enable": True}}),
        "GCP-COMPUTE-005",
    ),
    (lambda: g.kms_crypto_key(config={"rotation_period_seconds": 31536000}), "GCP-KMS-002"),
    (lambda: g.sql_database_instance(config={"database_flags": []}), "GCP-SQL-008"),
    (
        lambda: g.compute_firewall(config={"allowed": [{"protocol": "tcp", "ports": ["3389"]}]}),
        "GCP-VPC-004",
    ),
    (lambda: g.dns_managed_zone(config={"dnssec": None}), "GCP-DNS-001"),
]


@pytest.mark.parametrize(("build", "policy_id"), BROKEN)
def test_one_override_breaks_one_check(build: Any, policy_id: str, engine: LocalOpa) -> None:
    resource = build()
    doc = g.snapshot(
        "acme-prod-gcp", [*g.project_baseline(), g.compute_network(), g.dns_policy(), resource]
    )
    failed = {
        f.policy_id
        for f in evaluate([snapshot_from_dict(doc)], engine)
        if f.status is Status.FAIL and f.resource.id == resource["id"]
    }
    assert policy_id in failed
    if policy_id != "GCP-SQL-008":
        assert failed == {policy_id}


def test_overrides_merge_deeply_and_replace_lists() -> None:
    vm = g.compute_instance(
        config={"metadata": {"serial_port_enable": True}, "service_accounts": []}
    )
    assert vm["config"]["metadata"] == {
        "block_project_ssh_keys": True,
        "serial_port_enable": True,
        "enable_oslogin": None,
    }
    assert vm["config"]["service_accounts"] == []
    assert g.compute_instance()["config"]["service_accounts"] != []


def test_snapshot_is_a_gcp_snapshot() -> None:
    doc = g.snapshot("acme-prod-gcp", [g.project(), g.storage_bucket()])
    assert (doc["provider"], doc["account"]["id"], doc["regions"]) == (
        "gcp",
        "acme-prod-gcp",
        ["us"],
    )
    snapshot_from_dict(doc)
