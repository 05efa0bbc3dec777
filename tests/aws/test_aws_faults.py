"""Faults: denied, throttled and failing calls become coverage entries or unknown fields,
the checks that needed them report UNKNOWN (and only those), and nothing aborts the scan
unless nothing at all can be read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse
from botocore.exceptions import EndpointConnectionError

from cspm_opa import LocalOpa, evaluate, snapshot_from_dict
from cspm_opa.collect import CollectRequest
from cspm_opa.collect.aws import collect, collect_account
from cspm_opa.collect.aws.api import Api
from cspm_opa.collect.aws.session import targets_for
from cspm_opa.errors import CollectionError
from cspm_opa.localclouds.aws_cloud import AwsCloud
from cspm_opa.model import Finding, Status
from tests.aws.conftest import aws_env, collect_from
from tests.aws.iam_enforcement import iam_enforced

US = "us-east-1"


def _doc(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


@pytest.fixture(scope="module")
def partial_auditor(cloud: AwsCloud) -> dict[str, str]:
    """SecurityAudit, minus GetBucketPolicy (a detail) and DescribeInstances (a listing)."""
    with aws_env(cloud):
        iam = boto3.client("iam")
        iam.create_user(UserName="partial-auditor")
        iam.attach_user_policy(
            UserName="partial-auditor", PolicyArn="arn:aws:iam::aws:policy/SecurityAudit"
        )
        iam.put_user_policy(
            UserName="partial-auditor",
            PolicyName="deny-some",
            PolicyDocument=_doc(
                {
                    "Effect": "Deny",
                    "Action": ["s3:GetBucketPolicy", "ec2:DescribeInstances"],
                    "Resource": "*",
                }
            ),
        )
        key = iam.create_access_key(UserName="partial-auditor")["AccessKey"]
    return {
        "AWS_ACCESS_KEY_ID": key["AccessKeyId"],
        "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"],
    }


def _collect_as(
    cloud: AwsCloud, monkeypatch: pytest.MonkeyPatch, creds: dict[str, str]
) -> dict[str, Any]:
    with aws_env(cloud, **creds), iam_enforced(cloud, monkeypatch):
        (doc,) = collect(CollectRequest(provider="aws", regions=(US,), workers=4))
    return doc


def _by_key(findings: list[Finding]) -> dict[tuple[str, str], Status]:
    return {(f.policy_id, f.resource.id): f.status for f in findings}


def test_denied_calls_make_exactly_their_checks_unknown(
    cloud: AwsCloud,
    monkeypatch: pytest.MonkeyPatch,
    partial_auditor: dict[str, str],
    engine: LocalOpa,
) -> None:
    full = _collect_as(cloud, monkeypatch, cloud.auditor)
    partial = _collect_as(cloud, monkeypatch, partial_auditor)

    buckets = partial["resources"]["aws_s3_bucket"]
    assert {b["name"]: b.get("unknown") for b in buckets.values()} == {
        b["name"]: ["policy"] for b in buckets.values()
    }
    assert [
        (e["service"], e["region"], e["status"], e["resource_types"]) for e in partial["coverage"]
    ] == [("ec2", US, "denied", ["aws_instance"])]
    assert partial["coverage"][0]["detail"].startswith("DescribeInstances: AccessDenied")

    before = _by_key(evaluate([snapshot_from_dict(full)], engine))
    after = _by_key(evaluate([snapshot_from_dict(partial)], engine))
    expected: set[tuple[str, str]] = set()
    for policy in engine.catalog.policies:
        if policy.provider != "aws":
            continue
        if policy.resource_type == "aws_s3_bucket" and "policy" in policy.reads:
            expected |= {(policy.id, rid) for rid in buckets}
        if policy.resource_type == "aws_instance":
            expected.add((policy.id, f"aws_instance/{US}/*"))
    newly_unknown = {key for key, status in after.items() if status is Status.UNKNOWN} - {
        key for key, status in before.items() if status is Status.UNKNOWN
    }
    assert newly_unknown == expected
    assert {p for p, _ in expected} >= {"AWS-S3-001", "AWS-EC2-001", "AWS-EC2-002"}
    # Everything else is judged exactly as before.
    unchanged = {k for k in after if k not in expected and not k[1].startswith("aws_instance")}
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}


def test_no_bucket_policy_is_not_a_failure(estate: list[dict[str, Any]]) -> None:
    """NoSuchBucketPolicy means "no policy": null, and nothing unknown."""
    buckets = {b["name"]: b for b in estate[0]["resources"]["aws_s3_bucket"].values()}
    bare = buckets["legacy-public-data"]
    assert bare["config"]["policy"] is None
    assert bare["config"]["public_access_block"] is None
    assert "unknown" not in bare


class _Canned:
    """A raw HTTP body for botocore's AWSResponse."""

    def __init__(self, body: bytes):
        self.body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.body


def _inject(monkeypatch: pytest.MonkeyPatch, handler: Any, event: str = "before-send") -> None:
    """Register ``handler`` on ``event`` of every client the collector makes;
    'before-send' runs on each HTTP attempt, inside botocore's retry loop."""
    make = Api._session_client

    def with_handler(self: Api, service: str, region: str) -> Any:
        client = make(self, service, region)
        client.meta.events.register(event, handler)
        return client

    monkeypatch.setattr(Api, "_session_client", with_handler)


def test_throttled_out_after_retries(cloud: AwsCloud, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[str] = []
    body = (
        b"<Response><Errors><Error><Code>RequestLimitExceeded</Code>"
        b"<Message>Request limit exceeded.</Message></Error></Errors></Response>"
    )

    def throttle(request: Any, **_: Any) -> AWSResponse:
        attempts.append("DescribeVolumes")
        return AWSResponse(request.url, 503, {}, _Canned(body))

    _inject(monkeypatch, throttle, "before-send.ec2.DescribeVolumes")
    (doc,) = collect_from(cloud, env={"AWS_MAX_ATTEMPTS": "3"}, regions=(US,))
    assert attempts == ["DescribeVolumes"] * 3  # botocore retried, adaptively, then gave up
    (entry,) = doc["coverage"]
    assert (entry["service"], entry["region"], entry["status"]) == ("ec2", US, "throttled")
    assert entry["resource_types"] == ["aws_ebs_volume"]
    assert doc["resources"]["aws_instance"]  # the rest of EC2 was read


def test_one_failing_region_does_not_stop_the_others(
    cloud: AwsCloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(request: Any, **_: Any) -> None:
        if "eu-west-1" in request.headers.get("Authorization", b"").decode():
            raise EndpointConnectionError(endpoint_url=request.url)

    _inject(monkeypatch, unreachable)
    (doc,) = collect_from(cloud)
    failed = {(e["service"], e["region"], e["status"]) for e in doc["coverage"]}
    assert {region for _, region, _ in failed} == {"eu-west-1"}
    assert {("ec2", "eu-west-1", "error"), ("kms", "eu-west-1", "error")} <= failed
    regions = {r["region"] for r in doc["resources"]["aws_security_group"].values()}
    assert regions == {US}
    settings = doc["resources"]["aws_region_settings"]
    assert set(settings[f"{cloud.account_id}/eu-west-1"]["unknown"]) >= {
        "ebs_encryption_by_default",
        "config_recorders",
        "security_hub_enabled",
    }
    assert doc["resources"]["aws_iam_user"]  # global services were read


def test_no_credentials_is_a_collection_error(cloud: AwsCloud, tmp_path: Path) -> None:
    nothing = str(tmp_path / "none")
    env = {
        "AWS_ACCESS_KEY_ID": "",
        "AWS_SECRET_ACCESS_KEY": "",
        "AWS_SHARED_CREDENTIALS_FILE": nothing,
        "AWS_CONFIG_FILE": nothing,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    with aws_env(cloud, **env):
        import os

        del os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"]
        with pytest.raises(CollectionError, match="credentials"):
            collect(CollectRequest(provider="aws", regions=(US,)))


def test_an_unreachable_account_among_others_is_all_unknown(
    cloud: AwsCloud, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, engine: LocalOpa
) -> None:
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text(
        f'accounts:\n  - id: "{cloud.account_id}"\n    name: legacy\n'
        f"  - role_arn: arn:aws:iam::333344445555:role/not-allowed\n"
        f"    name: unreachable\n",
        encoding="utf-8",
    )
    with (
        aws_env(cloud, **cloud.auditor),
        iam_enforced(cloud, monkeypatch),
    ):
        docs = collect(CollectRequest(provider="aws", regions=(US,), accounts_file=accounts))
    legacy, blind = docs
    assert legacy["account"] == {"id": cloud.account_id, "name": "legacy"}
    assert blind["account"] == {"id": "333344445555", "name": "unreachable"}
    assert blind["resources"] == {}
    (gap,) = blind["coverage"]
    assert (gap["service"], gap["status"]) == ("sts", "denied")
    assert "aws_s3_bucket" in gap["resource_types"]
    findings = evaluate([snapshot_from_dict(blind)], engine)
    assert findings and {f.status for f in findings} == {Status.UNKNOWN}


def test_collect_account_reports_progress_and_stats(cloud: AwsCloud) -> None:
    said: list[str] = []
    request = CollectRequest(provider="aws", regions=(US,), workers=3, progress=said.append)
    with aws_env(cloud):
        (target,) = targets_for(request)
        _, stats = collect_account(target, request)
    assert said[0].startswith(f"aws {cloud.account_id}: 1 region(s)")
    assert "resources from" in said[-1] and "API calls" in said[-1]
    assert stats.calls > 50 and stats.units > 30


def _profiles(tmp_path: Path) -> Path:
    config = tmp_path / "config"
    config.write_text("[profile broken]\ncredential_process = /bin/false\n", encoding="utf-8")
    return config


def test_accounts_file_entries_that_cannot_be_read_do_not_stop_the_scan(
    cloud: AwsCloud, tmp_path: Path, engine: LocalOpa
) -> None:
    """A missing or failing profile and the wrong account each become a blind snapshot;
    an entry with no id is named by its place in the file."""
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text(
        "accounts:\n"
        f'  - id: "{cloud.account_id}"\n'  # line 2: readable
        "  - profile: nowhere\n"  # 3: no id, no such profile
        "  - profile: broken\n"  # 4: no id, its credential_process fails
        '  - id: "999988887777"\n'  # 5: the default credentials reach another account
        "    name: expected\n"
        '  - id: "555566667777"\n'  # 7: an id, no such profile
        "    profile: nowhere\n",
        encoding="utf-8",
    )
    docs = collect_from(
        cloud, env={"AWS_CONFIG_FILE": str(_profiles(tmp_path))}, regions=(US,),
        accounts_file=accounts,
    )  # fmt: skip
    read, *blind = docs
    assert read["account"]["id"] == cloud.account_id and read["resources"]["aws_s3_bucket"]
    ids = [d["account"]["id"] for d in blind]
    assert ids == ["accounts.yaml:3", "accounts.yaml:4", "999988887777", "555566667777"]
    details = [gap["detail"] for d in blind for gap in d["coverage"]]
    assert all(
        d.startswith(f"{accounts}:{n}: ") for d, n in zip(details, (3, 4, 5, 7), strict=True)
    )
    assert "AWS profile 'nowhere' not found" in details[0]
    assert "AWS profile 'broken': no credentials" in details[1]
    assert f"expected account 999988887777, reached {cloud.account_id}" in details[2]
    assert blind[2]["account"]["name"] == "expected"
    for doc in blind:
        (gap,) = doc["coverage"]
        assert (gap["service"], gap["status"], doc["resources"]) == ("sts", "error", {})
        assert "aws_s3_bucket" in gap["resource_types"]
    findings = evaluate([snapshot_from_dict(d) for d in blind], engine)
    assert findings and {f.status for f in findings} == {Status.UNKNOWN}
    assert {f.resource.account for f in findings} == set(ids)


def test_accounts_file_with_no_readable_account_is_a_collection_error(
    cloud: AwsCloud, tmp_path: Path
) -> None:
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text(
        'accounts:\n  - profile: nowhere\n  - id: "999988887777"\n', encoding="utf-8"
    )
    with pytest.raises(CollectionError) as info:
        collect_from(cloud, regions=(US,), accounts_file=accounts)
    assert f"{accounts}:2: AWS profile 'nowhere' not found" in str(info.value)
    assert f"{accounts}:3: expected account 999988887777" in str(info.value)


def test_a_denied_cluster_listing_makes_the_cluster_checks_unknown(
    cloud: AwsCloud, monkeypatch: pytest.MonkeyPatch, engine: LocalOpa
) -> None:
    body = (
        b"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
        b"<Message>not allowed</Message></Error></ErrorResponse>"
    )

    def deny(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, 403, {}, _Canned(body))

    _inject(monkeypatch, deny, "before-send.rds.DescribeDBClusters")
    (doc,) = collect_from(cloud, regions=(US,))
    (entry,) = doc["coverage"]
    assert (entry["service"], entry["region"], entry["status"]) == ("rds", US, "denied")
    assert entry["resource_types"] == ["aws_rds_cluster"]
    assert "aws_rds_cluster" not in doc["resources"] and doc["resources"]["aws_db_instance"]
    findings = evaluate([snapshot_from_dict(doc)], engine)
    cluster = {f.status for f in findings if f.resource.type == "aws_rds_cluster"}
    assert cluster == {Status.UNKNOWN}
    assert {f.status for f in findings if f.policy_id == "AWS-RDS-001"} >= {Status.FAIL}
