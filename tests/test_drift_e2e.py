"""Drift end to end on moto: collect an account with the real collector, break a bucket
and delete a volume, collect again, and ``cspm-opa drift`` names both."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cspm_opa import snapshot_from_dict
from cspm_opa.cli import main
from cspm_opa.collect import CollectRequest, collect
from cspm_opa.localclouds.aws_cloud import AwsCloud
from cspm_opa.localclouds.aws_process import isolated_aws_cloud
from cspm_opa.snapshots import write_snapshot

pytest.importorskip("moto")

REGION = "us-east-1"
BUCKET = "drift-data"


@pytest.fixture(scope="module")
def cloud() -> Iterator[AwsCloud]:
    # A cloud of its own: this test changes it, and others share the seeded one.
    with isolated_aws_cloud(seed=False) as fake:
        yield fake


def _snapshot(cloud: AwsCloud, directory: Path) -> Path:
    with cloud.environment():
        (doc,) = collect(CollectRequest(provider="aws", regions=(REGION,)))
    return write_snapshot(snapshot_from_dict(doc), directory)


def test_drift_names_the_broken_bucket_and_the_deleted_volume(
    cloud: AwsCloud, tmp_path: Path
) -> None:
    import boto3

    with cloud.environment():
        s3 = boto3.client("s3", region_name=REGION)
        ec2 = boto3.client("ec2", region_name=REGION)
        s3.create_bucket(Bucket=BUCKET)
        block = {k: True for k in ("BlockPublicAcls", "IgnorePublicAcls",
                                   "BlockPublicPolicy", "RestrictPublicBuckets")}  # fmt: skip
        s3.put_public_access_block(Bucket=BUCKET, PublicAccessBlockConfiguration=block)
        volume = ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=8)["VolumeId"]
        kept = ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=8)["VolumeId"]
    before = _snapshot(cloud, tmp_path / "before")

    with cloud.environment():
        s3.delete_public_access_block(Bucket=BUCKET)
        s3.put_bucket_acl(Bucket=BUCKET, ACL="public-read")
        ec2.delete_volume(VolumeId=volume)
    after = _snapshot(cloud, tmp_path / "after")

    out = tmp_path / "drift.json"
    assert main(["drift", str(before), str(after), "--format", "json", "-o", str(out)]) == 0
    drift = json.loads(out.read_bytes())

    # Nothing else moved between the two collections: no noise from timestamps or states.
    changed = {(c["type"], c["id"]): c["paths"] for c in drift["changed"]}
    assert changed == {
        ("aws_s3_bucket", f"arn:aws:s3:::{BUCKET}"): [
            "/config/acl_grants",  # a grant was added: the list is named as a whole
            "/config/public_access_block",  # an object that became null
        ]
    }
    removed = [(r["type"], r["id"]) for r in drift["removed"]]
    assert [t for t, _ in removed] == ["aws_ebs_volume"]
    assert removed[0][1].endswith(f"volume/{volume}")
    assert not any(kept in i for _, i in removed)
    assert drift["added"] == []

    gate = ["--fail-on-drift", "aws_s3_bucket:/config/public_access_block"]
    assert main(["drift", str(before), str(after), "-o", str(tmp_path / "t.txt"), *gate]) == 1
    assert main(["drift", str(before), str(before), *gate]) == 0
