"""End to end: misconfigurations planted in moto are found by the real collector and the
real OPA, and their compliant twins pass."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from cspm_opa import LocalOpa
from cspm_opa.localclouds.aws_cloud import ACCOUNT, PLANTS, SECOND_ACCOUNT, Plant
from cspm_opa.model import Finding, Status

PLANTED = [p for p in PLANTS if p.bad is not None]
TWINNED = [p for p in PLANTS if p.good is not None]


def _statuses(findings: list[Finding]) -> dict[tuple[str, str, str], set[Status]]:
    """Statuses by (check, account, resource name), and by resource id as well: plants
    name the account-wide resource by the account id."""
    out: dict[tuple[str, str, str], set[Status]] = defaultdict(set)
    for f in findings:
        out[(f.policy_id, f.resource.account, f.resource.name)].add(f.status)
        if f.resource.id != f.resource.name:
            out[(f.policy_id, f.resource.account, f.resource.id)].add(f.status)
    return out


@pytest.mark.parametrize("plant", PLANTED, ids=lambda p: p.policy_id)
def test_planted_misconfiguration_fails(plant: Plant, estate_findings: list[Finding]) -> None:
    assert plant.bad is not None
    found = _statuses(estate_findings).get((plant.policy_id, *plant.bad))
    assert found == {Status.FAIL}, (plant, found)


@pytest.mark.parametrize("plant", TWINNED, ids=lambda p: p.policy_id)
def test_compliant_twin_passes(plant: Plant, estate_findings: list[Finding]) -> None:
    assert plant.good is not None
    found = _statuses(estate_findings).get((plant.policy_id, *plant.good))
    assert found == {Status.PASS}, (plant, found)


def test_every_aws_check_has_a_plant_or_a_reason(engine: LocalOpa) -> None:
    """A new check must be planted in the fake cloud, or say why moto cannot hold it."""
    checks = {p.id for p in engine.catalog.policies if p.provider == "aws"}
    planted = {p.policy_id for p in PLANTS}
    assert checks == planted
    for plant in PLANTS:
        if plant.bad is None or plant.good is None:
            assert plant.note, plant


def test_unplantable_checks_are_unknown_not_guessed(estate_findings: list[Finding]) -> None:
    """What moto cannot serve (Access Analyzer, the credential report's root row) is
    reported as not assessed, never as a pass."""
    by_policy: dict[str, set[Status]] = defaultdict(set)
    for f in estate_findings:
        by_policy[f.policy_id].add(f.status)
    assert by_policy["AWS-IAM-013"] == {Status.UNKNOWN}
    assert by_policy["AWS-IAM-015"] == {Status.UNKNOWN}


def test_hardened_account_fails_only_where_moto_cannot_comply_or_a_path_is_planted(
    estate_findings: list[Finding],
) -> None:
    not_passing = {
        (f.policy_id, f.status)
        for f in estate_findings
        if f.resource.account == SECOND_ACCOUNT and f.status is not Status.PASS
    }
    moto_limits = {
        ("AWS-IAM-013", Status.UNKNOWN),  # no Access Analyzer in moto
        ("AWS-IAM-015", Status.UNKNOWN),  # no <root_account> row in moto's report
        ("AWS-S3-004", Status.FAIL),  # moto drops MFADelete
    }
    # Planted on purpose: AdministratorAccess on prod-admin, the target of PATH-AWS-004
    # (aws_cloud.PATHS), and on its twin prod-admin-internal.
    planted = {("AWS-IAM-010", Status.FAIL)}
    assert not_passing == moto_limits | planted


def test_both_accounts_are_covered_by_every_check(
    estate: list[dict[str, Any]], estate_findings: list[Finding], engine: LocalOpa
) -> None:
    assert [doc["account"] for doc in estate] == [
        {"id": ACCOUNT, "name": "dev-legacy", "labels": {"environment": "development"}},
        {"id": SECOND_ACCOUNT, "name": "prod-payments", "labels": {"environment": "production"}},
    ]
    assert all(doc["coverage"] == [] for doc in estate)
    assert all(doc["regions"] == ["us-east-1", "eu-west-1"] for doc in estate)
    judged = {f.policy_id for f in estate_findings}
    assert judged == {p.id for p in engine.catalog.policies if p.provider == "aws"}


def test_resources_carry_names_tags_and_regions(estate: list[dict[str, Any]]) -> None:
    legacy = estate[0]["resources"]
    instances = {r["name"]: r for r in legacy["aws_instance"].values()}
    assert instances["legacy-web"]["tags"] == {"Name": "legacy-web"}
    assert instances["legacy-web"]["region"] == "us-east-1"
    assert instances["legacy-web"]["id"].startswith("arn:aws:ec2:us-east-1:123456789012:instance/")
    regions = {r["region"] for r in legacy["aws_vpc"].values()}
    assert regions == {"us-east-1", "eu-west-1"}
    (trail,) = legacy["aws_cloudtrail_trail"].values()
    assert trail["config"]["is_logging"] is True
