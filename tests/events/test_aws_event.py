"""``cspm-opa event`` on moto: a CloudTrail event for one bucket re-reads that bucket and
the settings its checks read (every API call is counted), reports the bucket FAIL, and
with a store resolves and adds only that bucket's findings. The Lambda handler does the
same on a sample event."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.cli import main
from cspm_opa.collect.aws.api import Api
from cspm_opa.localclouds.aws_cloud import AwsCloud
from cspm_opa.localclouds.aws_process import isolated_aws_cloud
from cspm_opa.schemas import default_store
from tests.events.aws_events import bucket_event, cloudtrail_event

pytest.importorskip("moto")

REGION = "us-east-1"
_names = itertools.count()

# What a bucket's checks need: STS (who am I), the bucket's own calls, account-level
# Block Public Access, and the trails (object-level logging checks). Nothing else.
ALLOWED = {
    ("sts", "GetCallerIdentity"),
    ("s3", "GetBucketLocation"),
    ("s3", "GetBucketPolicy"),
    ("s3", "GetBucketPolicyStatus"),
    ("s3", "GetPublicAccessBlock"),
    ("s3", "GetBucketEncryption"),
    ("s3", "GetBucketVersioning"),
    ("s3", "GetBucketLogging"),
    ("s3", "GetBucketAcl"),
    ("s3", "GetBucketTagging"),
    ("s3control", "GetPublicAccessBlock"),
    ("cloudtrail", "DescribeTrails"),
    ("cloudtrail", "GetTrailStatus"),
    ("cloudtrail", "GetEventSelectors"),
}


@pytest.fixture(scope="module")
def cloud() -> Iterator[AwsCloud]:
    with isolated_aws_cloud(seed=False) as fake:
        yield fake


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every AWS API call the collector makes, as (service, operation), through a
    botocore before-call hook on each client it creates."""
    made: list[tuple[str, str]] = []
    original = Api._session_client

    def recording(self: Api, service: str, region: str) -> Any:
        client = original(self, service, region)

        def hook(model: Any, **_: Any) -> None:
            made.append((service, model.name))

        client.meta.events.register("before-call", hook)
        return client

    monkeypatch.setattr(Api, "_session_client", recording)
    return made


def _compliant_bucket(cloud: AwsCloud) -> str:
    import boto3

    bucket = f"event-data-{next(_names)}"
    with cloud.environment():
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket=bucket)
        block = dict.fromkeys(
            ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"),
            True,
        )
        s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration=block)
    return bucket


def _break(cloud: AwsCloud, bucket: str) -> None:
    import boto3

    with cloud.environment():
        s3 = boto3.client("s3", region_name=REGION)
        s3.delete_public_access_block(Bucket=bucket)
        s3.put_bucket_acl(Bucket=bucket, ACL="public-read")


def _event(cloud: AwsCloud, bucket: str, kind: str = "json") -> list[str]:
    return ["event", "--provider", "aws", "--regions", REGION, "--format", kind]


def _write(tmp_path: Path, event: dict[str, Any]) -> Path:
    path = tmp_path / f"event-{next(_names)}.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def _status(result: dict[str, Any], policy: str, bucket: str) -> str:
    [found] = [
        f
        for f in result["findings"]
        if f["policy_id"] == policy and f["resource"]["id"] == f"arn:aws:s3:::{bucket}"
    ]
    return str(found["status"])


def test_bucket_event_reports_the_bucket_fail_without_a_full_scan(
    cloud: AwsCloud, calls: list[tuple[str, str]], tmp_path: Path
) -> None:
    bucket = _compliant_bucket(cloud)
    _break(cloud, bucket)
    event = _write(tmp_path, bucket_event("PutBucketAcl", bucket, region=REGION))
    out = tmp_path / "result.json"
    with cloud.environment():
        assert main([*_event(cloud, bucket), str(event), "-o", str(out)]) == 0
    result = json.loads(out.read_bytes())
    assert list(default_store().issues("scan_result.json", result)) == []
    assert result["kind"] == "event"
    assert result["event"]["source"] == "s3.amazonaws.com PutBucketAcl"
    assert result["event"]["resources"] == [
        {"type": "aws_s3_bucket", "id": f"arn:aws:s3:::{bucket}"}
    ]
    assert _status(result, "AWS-S3-005", bucket) == "FAIL"  # publicly readable
    assert _status(result, "AWS-S3-002", bucket) == "FAIL"  # no Block Public Access
    # Only the bucket's findings, and only the bucket's checks ran.
    assert {f["resource"]["id"] for f in result["findings"]} == {f"arn:aws:s3:::{bucket}"}
    assert {p["resource_type"] for p in result["policies"]} == {"aws_s3_bucket"}
    # The API calls: the bucket's own, account-level Block Public Access, the trails.
    made = set(calls)
    assert made <= ALLOWED, made - ALLOWED
    assert ("s3", "ListBuckets") not in made
    assert ("s3", "GetBucketAcl") in made and ("s3control", "GetPublicAccessBlock") in made
    assert len(calls) <= 16, calls


def test_with_a_store_an_event_changes_only_its_bucket(cloud: AwsCloud, tmp_path: Path) -> None:
    bucket = _compliant_bucket(cloud)
    other = _compliant_bucket(cloud)
    store = f"sqlite:///{tmp_path / 'history.db'}"
    scan_out, event_out = tmp_path / "scan.json", tmp_path / "event.json"
    scan = ["scan", "--provider", "aws", "--regions", REGION, "--format", "json"]
    with cloud.environment():
        assert main([*scan, "-o", str(scan_out), "--store", store]) == 0
        first = json.loads(scan_out.read_bytes())
        _break(cloud, bucket)
        event = _write(tmp_path, bucket_event("DeletePublicAccessBlock", bucket))
        argv = [*_event(cloud, bucket), str(event), "-o", str(event_out), "--store", store]
        assert main([*argv, "--fail-on-new", "HIGH"]) == 1
        result = json.loads(event_out.read_bytes())
    was_pass = {
        f["uid"]
        for f in first["findings"]
        if f["status"] == "PASS" and f["resource"]["id"] == f"arn:aws:s3:::{bucket}"
    }
    now_fail = {f["uid"] for f in result["findings"] if f["status"] == "FAIL"}
    assert result["delta"]["new"] and set(result["delta"]["new"]) == was_pass & now_fail
    assert result["delta"]["resolved"] == []  # nothing outside the bucket is resolved
    assert result["delta"]["previous_scan"] == 1
    assert all(other not in f["resource"]["id"] for f in result["findings"])

    # The bucket is deleted: its failures are resolved, and nothing else.
    import boto3

    with cloud.environment():
        boto3.client("s3", region_name=REGION).delete_bucket(Bucket=bucket)
        gone = _write(tmp_path, bucket_event("DeleteBucket", bucket))
        argv = [*_event(cloud, bucket), str(gone), "-o", str(event_out), "--store", store]
        assert main(argv) == 0
        after = json.loads(event_out.read_bytes())
    assert after["findings"] == []
    failing = {f["uid"] for f in result["findings"] if f["status"] == "FAIL"}
    assert set(after["delta"]["resolved"]) == failing
    history = tmp_path / "history.json"
    assert main(["history", "--store", store, "--format", "json", "-o", str(history)]) == 0
    kinds = [(h["kind"], h["event_id"]) for h in json.loads(history.read_bytes())]
    assert [k for k, _ in kinds] == ["scan", "event", "event"]
    assert kinds[2][1] == after["event"]["id"]


def test_events_that_change_nothing_are_reported_and_exit_0(
    cloud: AwsCloud, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    failed = bucket_event("PutBucketAcl", "x", error="AccessDenied")
    unmapped = cloudtrail_event("sqs.amazonaws.com", "CreateQueue", {"queueName": "q"})
    for event in (failed, unmapped):
        with cloud.environment():
            assert main([*_event(cloud, "x", "table"), str(_write(tmp_path, event))]) == 0
    err = capsys.readouterr().err
    assert "AccessDenied" in err and "not mapped" in err


def test_an_event_from_another_service_shape_is_bad_input(tmp_path: Path) -> None:
    event = {"detail-type": "EC2 Instance State-change Notification", "detail": {}}
    assert main(["event", "--provider", "aws", str(_write(tmp_path, event))]) == 2


def test_lambda_handler_on_a_sample_event(cloud: AwsCloud) -> None:
    from cspm_opa.events import aws_lambda

    bucket = _compliant_bucket(cloud)
    _break(cloud, bucket)
    sample = bucket_event("PutBucketAcl", bucket)
    try:
        with cloud.environment(CSPM_OPA_REGIONS=REGION):
            result = aws_lambda.handler(sample, None)
            ignored = aws_lambda.handler(bucket_event("GetBucketAcl", bucket), None)
    finally:
        aws_lambda.reset()
    assert result["kind"] == "event" and result["event"]["id"] == sample["detail"]["eventID"]
    assert _status(result, "AWS-S3-005", bucket) == "FAIL"
    assert list(default_store().issues("scan_result.json", result)) == []
    assert "only reads" in ignored["ignored"]


def test_an_event_hands_its_new_fails_to_alert_routing(
    cloud: AwsCloud, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.deliver.servers import WebhookReceiver

    bucket = _compliant_bucket(cloud)
    _break(cloud, bucket)
    event = _write(tmp_path, bucket_event("PutBucketAcl", bucket, region=REGION))
    monkeypatch.setenv("EVENT_HOOK_SECRET", "event-hook-secret")
    with WebhookReceiver("event-hook-secret") as hook:
        routes = tmp_path / "routes.yaml"
        routes.write_text(
            "sinks:\n"
            f"  hook: {{type: webhook, url: '{hook.url}', secret_env: EVENT_HOOK_SECRET}}\n"
            "routes:\n"
            "  - name: public-buckets\n"
            "    match: {policies: ['AWS-S3-005']}\n"
            "    sinks: [hook]\n",
            encoding="utf-8",
        )
        with cloud.environment():
            argv = [*_event(cloud, bucket), str(event), "-o", str(tmp_path / "r.json")]
            assert main([*argv, "--routes", str(routes), "--spool", str(tmp_path / "spool")]) == 0
    assert hook.rejected == 0
    (payload,) = hook.deliveries.values()
    assert f"arn:aws:s3:::{bucket}" in json.dumps(payload)
    assert "event-hook-secret" not in json.dumps(payload)
