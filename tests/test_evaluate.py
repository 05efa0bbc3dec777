"""evaluate(): a verdict for every resource, UNKNOWN where data is missing, stable uids."""

from __future__ import annotations

from pathlib import Path

import pytest

import cspm_opa.evaluator as evaluate_module
from cspm_opa import (
    EvaluationStats,
    LocalOpa,
    Snapshot,
    Status,
    evaluate,
    finding_uid,
    snapshot_from_dict,
)
from cspm_opa.testing.builders import s3_bucket, snapshot
from tests.conftest import TAG_CHECK, write_policy

ACCOUNT = "111122223333"


def _snap(resources: list[dict], **kw: object) -> Snapshot:
    return snapshot_from_dict(snapshot(ACCOUNT, resources, **kw))  # type: ignore[arg-type]


def _by_resource(findings: list, policy_id: str) -> dict[str, Status]:
    return {f.resource.id: f.status for f in findings if f.policy_id == policy_id}


def _bucket(name: str, **overrides: object) -> dict:
    return s3_bucket(name=name, account=ACCOUNT, region="us-east-1", **overrides)


def test_pass_and_fail_for_every_resource(engine: LocalOpa) -> None:
    good, bad = _bucket("good"), _bucket("bad", config={"policy": None})
    findings = evaluate([_snap([good, bad])], engine)
    verdicts = _by_resource(findings, "AWS-S3-001")
    assert verdicts == {good["id"]: Status.PASS, bad["id"]: Status.FAIL}
    failed = next(f for f in findings if f.resource.id == bad["id"] and f.policy_id == "AWS-S3-001")
    assert "plain HTTP" in failed.message
    assert failed.resource.account == ACCOUNT
    assert failed.resource.region == "us-east-1"
    assert failed.resource.name == "bad"
    assert ("CIS_AWS_v5.0", "2.1.1") in {(c.framework, c.control) for c in failed.compliance}


def test_uids_are_stable_across_scans(engine: LocalOpa) -> None:
    snap = _snap([_bucket("a"), _bucket("b", config={"policy": None})])
    first = [f.uid for f in evaluate([snap], engine)]
    second = [f.uid for f in evaluate([snap], engine)]
    assert first == second
    assert len(set(first)) == len(first)
    one = next(f for f in evaluate([snap], engine) if f.policy_id == "AWS-S3-001")
    assert one.uid == finding_uid("aws", ACCOUNT, "AWS-S3-001", one.resource.id)


def test_unknown_field_makes_only_the_checks_that_read_it_unknown(engine: LocalOpa) -> None:
    bucket = _bucket("blind", unknown=["policy"], config={"policy": None})
    findings = evaluate([_snap([bucket])], engine)
    by_policy = {f.policy_id: f for f in findings if f.resource.id == bucket["id"]}
    reads_policy = {p.id for p in engine.catalog.policies if "policy" in p.reads}
    assert "AWS-S3-001" in reads_policy
    for pid, finding in by_policy.items():
        if pid in reads_policy:
            assert finding.status is Status.UNKNOWN, pid
            assert "policy could not be collected" in finding.message
        else:
            assert finding.status is not Status.UNKNOWN, pid


def test_coverage_gap_gives_unknown_for_the_checks_that_needed_it(engine: LocalOpa) -> None:
    gap = {
        "service": "s3",
        "region": "eu-west-1",
        "status": "denied",
        "detail": "AccessDenied: ListBuckets",
        "resource_types": ["aws_s3_bucket"],
    }
    snap = _snap([_bucket("seen")], coverage=[gap])
    findings = evaluate([snap], engine)
    s3_checks = {p.id for p in engine.catalog.policies if "aws_s3_bucket" in p.depends_on}
    gap_findings = [f for f in findings if f.resource.id == "aws_s3_bucket/eu-west-1/*"]
    own_type = {p.id for p in engine.catalog.policies if p.resource_type == "aws_s3_bucket"}
    assert {f.policy_id for f in gap_findings} == own_type
    assert all(f.status is Status.UNKNOWN for f in gap_findings)
    assert "AccessDenied: ListBuckets" in gap_findings[0].message
    # Checks of other types that read buckets cannot be trusted either.
    cross = s3_checks - own_type
    for f in findings:
        if f.policy_id in cross:
            assert f.status is Status.UNKNOWN, f.policy_id


def test_no_unknown_without_gaps(engine: LocalOpa) -> None:
    findings = evaluate([_snap([_bucket("a")])], engine)
    assert findings
    assert all(f.status is not Status.UNKNOWN for f in findings)


def test_deny_naming_a_missing_resource_is_kept(tmp_path: Path) -> None:
    text = TAG_CHECK.replace(
        'deny contains {"resource": id',
        'deny contains {"resource": "ghost", "message": "x"} if true\n\n'
        'deny contains {"resource": id',
    )
    write_policy(tmp_path, "p/check.rego", text)
    with LocalOpa([tmp_path / "p"]) as opa:
        findings = evaluate([_snap([_bucket("a", tags={"Owner": "t"})])], opa)
    ghost = [f for f in findings if f.resource.id == "ghost"]
    assert [(f.policy_id, f.status) for f in ghost] == [("ACME-S3-001", Status.FAIL)]


def test_applies_narrows_the_resources_checked(tmp_path: Path) -> None:
    text = TAG_CHECK + (
        "\napplies contains id if {\n\tsome id, bucket in input.resources.aws_s3_bucket\n"
        '\tbucket.tags.Environment == "production"\n}\n'
    )
    write_policy(tmp_path, "p/check.rego", text)
    prod = _bucket("prod", tags={"Environment": "production"})
    dev = _bucket("dev", tags={"Environment": "dev"})
    with LocalOpa([tmp_path / "p"]) as opa:
        findings = evaluate([_snap([prod, dev])], opa)
    assert _by_resource(findings, "ACME-S3-001") == {prod["id"]: Status.FAIL}


def test_several_snapshots_keep_their_accounts(engine: LocalOpa) -> None:
    a = _snap([_bucket("a")])
    other = snapshot("999988887777", [s3_bucket(name="z", account="999988887777")])
    findings = evaluate([a, snapshot_from_dict(other)], engine)
    assert {f.resource.account for f in findings} == {ACCOUNT, "999988887777"}


def test_split_requests_give_the_same_findings(
    engine: LocalOpa, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cspm_opa.testing.estate import sample_estate

    snaps = [snapshot_from_dict(d) for d in sample_estate()]
    whole_stats, split_stats = EvaluationStats(), EvaluationStats()
    whole = evaluate(snaps, engine, stats=whole_stats)
    monkeypatch.setattr(evaluate_module, "SPLIT_THRESHOLD", 1)
    split = evaluate(snaps, engine, workers=3, stats=split_stats)
    assert split == whole
    assert split_stats.requests > whole_stats.requests == len(snaps)
    assert whole_stats.opa_metrics["timer_rego_query_eval_ns"] > 0
