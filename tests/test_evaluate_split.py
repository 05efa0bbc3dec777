"""Large snapshots are split into requests closed under the checks' reads."""

from __future__ import annotations

import pytest

from cspm_opa import LocalOpa, _json, evaluate, evaluator, snapshot_from_dict
from cspm_opa.engine.catalog import ALL
from cspm_opa.model import Policy, Severity, Status
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
    by_key = engine.catalog.by_key()
    for owned, doc in parts:
        assert owned is not None and not owned.ranges  # small: no type cut in id ranges
        for key in owned.whole:
            deps = by_key[key].depends_on & set(snap.resources)
            assert deps <= set(doc["resources"]), key
    together = next(set(d["resources"]) for _, d in parts if "aws_s3_bucket" in d["resources"])
    assert {"aws_cloudtrail_trail", "aws_account"} <= together
    assert evaluate([snap], engine, workers=2) == whole


def _estate(n: int) -> dict[str, object]:
    """Buckets, instances, volumes, VPCs and region settings, every third one bad, one
    instance with a field that could not be collected."""
    regions = ["us-east-1", "eu-west-1"]
    resources = [*b.account_baseline(ACCOUNT, regions)]
    for i in range(n):
        region = regions[i % 2]
        bad = i % 3 == 0
        resources += [
            b.s3_bucket(name=f"bucket-{i:04d}", account=ACCOUNT, region=region,
                        config={"policy": None} if bad else {}),
            b.instance(f"web-{i:04d}", ACCOUNT, region,
                       config={"metadata_options": {"http_tokens": "optional"}} if bad else {}),
            b.ebs_volume(f"vol-{i:04d}", ACCOUNT, region, config={"encrypted": not bad}),
            b.vpc(f"vpc-{i:04d}", ACCOUNT, region, config={"flow_logs": []} if bad else {}),
        ]  # fmt: skip
    resources[-3]["unknown"] = ["metadata_options"]
    # Trails whose checks look their bucket up among all the buckets, in other ranges;
    # one bucket's logging could not be read, which the trail checks must notice.
    by_name = {r.get("name"): r for r in resources if r["type"] == "aws_s3_bucket"}
    by_name["bucket-0050"]["config"]["logging"] = None
    if "bucket-0120" in by_name:
        by_name["bucket-0120"]["unknown"] = ["logging"]
    for name, bucket in (("audit", "bucket-0050"), ("ops", "bucket-0100")):
        resources.append(b.cloudtrail_trail(name, ACCOUNT, regions[0]))
        resources[-1]["config"]["s3_bucket_name"] = bucket
    return b.snapshot(ACCOUNT, resources, regions=regions)


def test_id_ranges_give_the_same_findings_as_one_request(engine: LocalOpa) -> None:
    snap = snapshot_from_dict(_estate(150))
    limit = 40_000  # bytes: a few dozen resources a part
    parts = evaluator._parts(snap, engine.catalog, 2, limit)
    cut = {t for owned, _ in parts if owned for key in owned.ranges
           for t in [engine.catalog.by_key()[key].resource_type]}  # fmt: skip
    assert {"aws_instance", "aws_ebs_volume", "aws_s3_bucket"} <= cut
    # VPCs are read by a check that calls a helper with the id: they travel whole.
    assert "aws_vpc" not in cut
    vpcs = [doc for _, doc in parts if "aws_vpc" in doc["resources"]]
    assert all(len(doc["resources"]["aws_vpc"]) == 150 for doc in vpcs)
    for owned, doc in parts:
        assert owned is not None
        if owned.ranges:
            assert len(_json.dumps(doc)) < 2 * limit
    whole = evaluate([snap], engine, workers=1)
    split = evaluate([snap], engine, workers=2, max_part_bytes=limit)
    assert split == whole
    assert {f.status for f in whole} >= {Status.PASS, Status.FAIL, Status.UNKNOWN}


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
