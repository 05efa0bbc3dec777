"""The demo estate end to end: fake cloud -> real SDK clients -> collector -> snapshot ->
OPA -> findings. Every planted issue fails, everything else passes, and the denied
listing shows as UNKNOWN."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from cspm_opa import Finding, LocalOpa, Status, evaluate, snapshot_from_dict
from cspm_opa.collect import collect
from cspm_opa.localclouds.gcp_demo import GcpDemoCloud


@pytest.fixture(scope="module")
def findings(demo_cloud: GcpDemoCloud, engine: LocalOpa) -> list[Finding]:
    documents = collect(demo_cloud.collect_request())
    return evaluate([snapshot_from_dict(doc) for doc in documents], engine)


def _key(f: Finding) -> tuple[str, str, str]:
    return (f.resource.account, f.policy_id, f.resource.id)


def test_every_planted_issue_is_found(demo_cloud: GcpDemoCloud, findings: list[Finding]) -> None:
    got = {_key(f): f.status.value for f in findings}
    missing = {
        (e.project_id, e.policy_id, e.resource_id): (
            e.status,
            got.get((e.project_id, e.policy_id, e.resource_id)),
        )
        for e in demo_cloud.expectations
        if got.get((e.project_id, e.policy_id, e.resource_id)) != e.status
    }
    assert missing == {}


def test_everything_not_planted_passes(demo_cloud: GcpDemoCloud, findings: list[Finding]) -> None:
    planted = {(e.project_id, e.policy_id, e.resource_id) for e in demo_cloud.expectations}
    unexpected = {
        _key(f): f.message
        for f in findings
        if f.status is not Status.PASS and _key(f) not in planted
    }
    assert unexpected == {}


def test_every_gcp_check_both_fails_and_passes(findings: list[Finding], engine: LocalOpa) -> None:
    gcp = {p.id for p in engine.catalog.policies if p.provider == "gcp"}
    by_status: dict[Status, set[str]] = {s: set() for s in Status}
    for f in findings:
        by_status[f.status].add(f.policy_id)
    assert gcp - by_status[Status.FAIL] == set()
    assert gcp - by_status[Status.PASS] == set()


def test_scope_and_coverage_as_collected(demo_cloud: GcpDemoCloud, findings: list[Finding]) -> None:
    assert sorted({f.resource.account for f in findings}) == list(demo_cloud.project_ids)
    unknown = [f for f in findings if f.status is Status.UNKNOWN]
    assert [(f.resource.account, f.policy_id) for f in unknown] == [
        ("acme-shared-gcp", "GCP-DATAPROC-001")
    ]
    assert "dataproc in global was denied" in unknown[0].message
    counts: Counter[str] = Counter(f.status.value for f in findings)
    assert counts["FAIL"] == sum(1 for e in demo_cloud.expectations if e.status == "FAIL")


def test_findings_carry_gcp_identity(findings: list[Finding]) -> None:
    vm: Any = next(
        f
        for f in findings
        if f.policy_id == "GCP-COMPUTE-009"
        and f.status is Status.FAIL
        and f.resource.name == "legacy-vm"
    )
    assert vm.resource.provider == "gcp"
    assert vm.resource.region == "us-central1"
    assert vm.resource.name == "legacy-vm"
    assert (
        vm.resource.id
        == "//compute.googleapis.com/projects/acme-prod-gcp/zones/us-central1-a/instances/legacy-vm"
    )
    assert ("CIS_GCP_v4.0", "4.9") in {(c.framework, c.control) for c in vm.compliance}
