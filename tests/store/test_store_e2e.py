"""History end to end on moto: the real collector and OPA, a scan, one compliant bucket
broken and one failing volume deleted, a second scan; its delta names exactly the
bucket's checks that went from PASS to FAIL as new, and the volume's former failures as
resolved. Through the library and through ``cspm-opa scan --store``, on SQLite and
PostgreSQL."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cspm_opa import LocalOpa, evaluate, snapshot_from_dict
from cspm_opa.cli import main
from cspm_opa.collect import CollectRequest, collect
from cspm_opa.localclouds.aws_cloud import AwsCloud
from cspm_opa.localclouds.aws_process import isolated_aws_cloud
from cspm_opa.result import assess
from cspm_opa.schemas import default_store
from cspm_opa.store import open_store

pytest.importorskip("moto")

REGION = "us-east-1"
_names = itertools.count()


@pytest.fixture(scope="module")
def cloud() -> Iterator[AwsCloud]:
    # A cloud of its own: these tests change it, and others share the seeded one.
    with isolated_aws_cloud(seed=False) as fake:
        yield fake


def _plant(cloud: AwsCloud) -> tuple[str, str]:
    """A bucket with every public access block on, and an unencrypted volume; names
    unique per test, since the cloud outlives each."""
    import boto3

    bucket = f"history-data-{next(_names)}"
    with cloud.environment():
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket=bucket)
        block = dict.fromkeys(
            ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"),
            True,
        )
        s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration=block)
        ec2 = boto3.client("ec2", region_name=REGION)
        volume = ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=8, Encrypted=False)
    return bucket, volume["VolumeId"]


def _break(cloud: AwsCloud, bucket: str, volume: str) -> None:
    import boto3

    with cloud.environment():
        s3 = boto3.client("s3", region_name=REGION)
        s3.delete_public_access_block(Bucket=bucket)
        s3.put_bucket_acl(Bucket=bucket, ACL="public-read")
        boto3.client("ec2", region_name=REGION).delete_volume(VolumeId=volume)


def _uids(result: dict[str, Any], status: str, match: str) -> set[str]:
    return {
        f["uid"]
        for f in result["findings"]
        if f["status"] == status and f["resource"]["id"].endswith(match)
    }


def _valid(result: dict[str, Any]) -> None:
    assert list(default_store().issues("scan_result.json", result)) == []


def test_second_scan_delta_names_the_broken_bucket_and_deleted_volume(
    cloud: AwsCloud, engine: LocalOpa, store_url: str
) -> None:
    bucket, volume = _plant(cloud)

    def scan() -> tuple[dict[str, Any], list[Any]]:
        with cloud.environment():
            docs = collect(CollectRequest(provider="aws", regions=(REGION,)))
        snapshots = [snapshot_from_dict(d) for d in docs]
        return assess(snapshots, evaluate(snapshots, engine), engine.catalog).result, snapshots

    with open_store(store_url) as store:
        first, snaps = scan()
        first_id, first_delta = store.record(first, snaps)
        assert first_delta.previous_scan is None
        assert set(first_delta.new) == {
            f["uid"] for f in first["findings"] if f["status"] == "FAIL"
        }
        _valid(first)

        _break(cloud, bucket, volume)
        second, snaps = scan()
        _, delta = store.record(second, snaps)
        _valid(second)

    was_pass = _uids(first, "PASS", f":::{bucket}")
    now_fail = _uids(second, "FAIL", f":::{bucket}")
    assert was_pass & now_fail, "breaking the bucket should fail some of its checks"
    assert set(delta.new) == was_pass & now_fail
    volume_fails = _uids(first, "FAIL", volume)
    assert volume_fails, "an unencrypted volume should fail"
    assert set(delta.resolved) == volume_fails
    assert delta.regressed == ()
    assert second["delta"]["previous_scan"] == first_id
    assert second["delta"]["unchanged"] == len(
        {f["uid"] for f in first["findings"] if f["status"] == "FAIL"}
        & {f["uid"] for f in second["findings"] if f["status"] == "FAIL"}
    )
    firsts = {f["uid"]: f["first_seen"] for f in first["findings"]}
    for f in second["findings"]:
        assert f["last_seen"] == second["generated_at"]
        assert f["first_seen"] == firsts.get(f["uid"], second["generated_at"])


def test_cli_scan_twice_with_a_store(
    cloud: AwsCloud, store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bucket, volume = _plant(cloud)
    out = tmp_path / "r.json"
    scan = ["scan", "--provider", "aws", "--regions", REGION, "--format", "json", "-o", str(out)]
    with cloud.environment():
        assert main([*scan, "--store", store_url]) == 0
        first = json.loads(out.read_bytes())
        _break(cloud, bucket, volume)
        # The store from the environment; the public ACL is a new HIGH failure.
        monkeypatch.setenv("CSPM_OPA_STORE", store_url)
        assert main([*scan, "--fail-on-new", "HIGH"]) == 1
        second = json.loads(out.read_bytes())
        # A third scan changes nothing: no new failure, whatever its severity.
        assert main([*scan, "--fail-on-new", "INFO"]) == 0
        third = json.loads(out.read_bytes())
    _valid(second)
    new = set(second["delta"]["new"])
    assert new == _uids(first, "PASS", f":::{bucket}") & _uids(second, "FAIL", f":::{bucket}")
    assert any(
        f["uid"] in new and f["severity"] in ("HIGH", "CRITICAL") for f in second["findings"]
    )
    assert set(second["delta"]["resolved"]) == _uids(first, "FAIL", volume)
    assert third["delta"]["new"] == [] and third["delta"]["resolved"] == []
    assert all(f["first_seen"] <= f["last_seen"] for f in third["findings"])

    history_out = tmp_path / "history.json"
    assert main(["history", "--format", "json", "-o", str(history_out)]) == 0
    history = json.loads(history_out.read_bytes())
    assert list(default_store().issues("history.json", history)) == []
    assert [h["id"] for h in history] == [1, 2, 3]
    assert history[1]["delta"]["new"] == len(new)
    assert history[1]["posture_score"] == second["posture_score"]
    assert history[1]["compliance"] == {k: v["percent"] for k, v in second["compliance"].items()}
    table_out = tmp_path / "history.txt"
    assert main(["history", "-o", str(table_out)]) == 0
    table = table_out.read_text().splitlines()
    assert table[0].split()[:5] == ["SCAN", "GENERATED", "KIND", "ACCOUNTS", "POSTURE"]
    assert len(table) == 4 and table[2].split()[0] == "2"


def test_without_a_store_every_fail_is_new(tmp_path: Path, write_json: Any) -> None:
    from cspm_opa.cli._store import exit_for_new
    from cspm_opa.model import Severity

    result = {"findings": [{"uid": "a", "status": "FAIL", "severity": "MEDIUM"}]}
    assert exit_for_new(result, Severity.MEDIUM) == 1
    assert exit_for_new(result, Severity.HIGH) == 0
    assert exit_for_new({**result, "delta": {"new": []}}, Severity.LOW) == 0
    assert main(["history"]) == 2  # no store named
