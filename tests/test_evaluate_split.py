"""Large snapshots are split into requests closed under the checks' reads."""

from __future__ import annotations

import pytest

from cspm_opa import LocalOpa, evaluate, evaluator, snapshot_from_dict
from cspm_opa.engine.catalog import ALL
from cspm_opa.model import Policy, Severity
from cspm_opa.testing import builders as b

ACCOUNT = "111122223333"


def _policy(rtype: str, *reads: str) -> Policy:
    return Policy(
        id=f"X-{rtype}", title="t", description="d", severity=Severity.LOW,
        resource_type=rtype, remediation="r", package=f"cspm.checks.aws.x.{rtype}",
        file="x.rego", depends_on=frozenset([rtype, *reads]),
    )  # fmt: skip


def test_types_one_check_reads_together_stay_together() -> None:
    resources = {t: {} for t in ("a", "b", "c", "d", "e")}
    groups = evaluator._closed_groups(
        resources, [_policy("a", "b"), _policy("c", "b"), _policy("d"), _policy("absent", "e", "d")]
    )
    assert sorted(map(sorted, groups)) == [["a", "b", "c"], ["d", "e"]]


def test_a_check_that_reads_every_type_keeps_the_snapshot_whole() -> None:
    resources = {t: {} for t in ("a", "b", "c")}
    assert evaluator._closed_groups(resources, [_policy("a", ALL)]) == [{"a", "b", "c"}]


def test_each_type_travels_in_one_request_with_what_its_checks_read(
    engine: LocalOpa, monkeypatch: pytest.MonkeyPatch
) -> None:
    region = "us-east-1"
    resources = [
        *b.account_baseline(ACCOUNT, [region]),
        *(b.s3_bucket(name=f"bucket-{i}", account=ACCOUNT, region=region) for i in range(3)),
        *(b.ebs_volume(f"vol-{i}", ACCOUNT, region) for i in range(3)),
        *(b.instance(f"web-{i}", ACCOUNT, region) for i in range(3)),
        *(b.security_group(f"sg-{i}", ACCOUNT, region) for i in range(3)),
    ]
    snap = snapshot_from_dict(b.snapshot(ACCOUNT, resources, regions=[region]))
    whole = evaluate([snap], engine)
    monkeypatch.setattr(evaluator, "SPLIT_THRESHOLD", 1)
    parts = evaluator._parts(snap, engine.catalog, 2)
    assert len(parts) > 1
    sent = [t for owned, doc in parts for t in doc["resources"]]
    assert sorted(sent) == sorted(snap.resources)  # every type once: none judged twice
    for owned, doc in parts:
        assert owned == set(doc["resources"])
        for policy in engine.catalog.policies:
            if policy.resource_type in owned:
                assert policy.depends_on & set(snap.resources) <= owned, policy.id
    together = next(owned for owned, _ in parts if owned and "aws_s3_bucket" in owned)
    assert {"aws_cloudtrail_trail", "aws_account"} <= together
    assert evaluate([snap], engine, workers=2) == whole


def test_findings_built_directly_are_ordinary_frozen_findings(engine: LocalOpa) -> None:
    import dataclasses

    from cspm_opa.model import Finding

    every = {f.name for f in dataclasses.fields(Finding)}
    required = {f.name for f in dataclasses.fields(Finding) if f.default is dataclasses.MISSING}
    assert required <= evaluator._FINDING_SET_HERE  # a new field must be set there too
    assert evaluator._FINDING_SET_HERE | set(evaluator._FINDING_DEFAULTS) == every
    bucket = b.s3_bucket(name="bad", account=ACCOUNT, config={"policy": None})
    findings = evaluate([snapshot_from_dict(b.snapshot(ACCOUNT, [bucket]))], engine)
    for found in findings:
        values = {f.name: getattr(found, f.name) for f in dataclasses.fields(Finding)}
        assert set(vars(found)) == set(values)
        assert Finding(**values) == found
        with pytest.raises(dataclasses.FrozenInstanceError):
            found.status = found.status  # type: ignore[misc]
    assert any(f.status.value == "FAIL" for f in findings)
