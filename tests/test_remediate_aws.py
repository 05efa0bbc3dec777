"""Remediation end to end on moto: a scan by the real collector and OPA, a dry run that
changes nothing and names each API call, --apply that fixes exactly what was selected
(a re-scan shows it PASS, the audit log holds one line per call), and the guard rails:
a ``cspm-remediate: never`` tag, the scope file's ``remediation.never``, WAIVED
findings, a port range left alone unless --split-ranges, and KMS keys that cannot
rotate."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.cli import main
from cspm_opa.localclouds.aws_cloud import AwsCloud
from cspm_opa.localclouds.aws_process import isolated_aws_cloud
from cspm_opa.remediate import plan_remediation
from cspm_opa.schemas import default_store

pytest.importorskip("moto")

US, EU = "us-east-1", "eu-west-1"
SCAN = ["--provider", "aws", "--regions", f"{US},{EU}"]
WORLD4 = [{"CidrIp": "0.0.0.0/0"}]
WORLD6 = [{"CidrIpv6": "::/0"}]


@pytest.fixture
def cloud() -> Iterator[AwsCloud]:
    # Each test changes its cloud: one of its own, in its own process.
    with isolated_aws_cloud(seed=False) as fake, fake.environment():
        yield fake


def _estate() -> dict[str, str]:
    """A small broken estate; returns the ids the tests look for."""
    import boto3

    s3 = boto3.client("s3", region_name=US)
    ec2 = boto3.client("ec2", region_name=US)
    kms = boto3.client("kms", region_name=US)
    s3.create_bucket(Bucket="open-data")
    s3.create_bucket(Bucket="kept-open")
    s3.put_bucket_tagging(
        Bucket="kept-open", Tagging={"TagSet": [{"Key": "cspm-remediate", "Value": "never"}]}
    )
    s3.create_bucket(Bucket="trail-logs")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    ssh = ec2.create_security_group(GroupName="ssh", Description="ssh", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=ssh,
        IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
             "IpRanges": [*WORLD4, {"CidrIp": "10.0.0.0/8"}]},
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": WORLD4},
        ],
    )  # fmt: skip
    rdp6 = ec2.create_security_group(GroupName="rdp6", Description="rdp", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=rdp6,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389,
                        "Ipv6Ranges": WORLD6}],
    )  # fmt: skip
    wide = ec2.create_security_group(GroupName="wide", Description="wide", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=wide,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 0, "ToPort": 1024, "IpRanges": WORLD4}],
    )
    # A trail homed in eu-west-1 that also logs us-east-1: only its home region updates it.
    boto3.client("cloudtrail", region_name=EU).create_trail(
        Name="org-trail", S3BucketName="trail-logs", IsMultiRegionTrail=True
    )
    key = kms.create_key(Description="app data")["KeyMetadata"]["Arn"]
    return {"ssh": ssh, "rdp6": rdp6, "wide": wide, "key": key}


def _state(ids: dict[str, str]) -> dict[str, Any]:
    """Every setting remediation could change, read with boto3."""
    import boto3

    s3 = boto3.client("s3", region_name=US)
    state: dict[str, Any] = {}
    for bucket in ("open-data", "kept-open"):
        try:
            state[bucket] = s3.get_public_access_block(Bucket=bucket)[
                "PublicAccessBlockConfiguration"
            ]
        except s3.exceptions.ClientError:
            state[bucket] = None
    control = boto3.client("s3control", region_name=US)
    account = boto3.client("sts").get_caller_identity()["Account"]
    try:
        state["account"] = control.get_public_access_block(AccountId=account)[
            "PublicAccessBlockConfiguration"
        ]
    except control.exceptions.NoSuchPublicAccessBlockConfiguration:
        state["account"] = None
    for region in (US, EU):
        ec2 = boto3.client("ec2", region_name=region)
        state[f"ebs/{region}"] = ec2.get_ebs_encryption_by_default()["EbsEncryptionByDefault"]
    groups = boto3.client("ec2", region_name=US).describe_security_groups(
        GroupIds=[ids["ssh"], ids["rdp6"], ids["wide"]]
    )["SecurityGroups"]
    state["groups"] = {g["GroupId"]: g["IpPermissions"] for g in groups}
    (trail,) = boto3.client("cloudtrail", region_name=EU).describe_trails()["trailList"]
    state["trail"] = trail.get("LogFileValidationEnabled")
    kms = boto3.client("kms", region_name=US)
    state["key"] = kms.get_key_rotation_status(KeyId=ids["key"])["KeyRotationEnabled"]
    return state


def _scan(path: Path, *extra: str) -> dict[str, Any]:
    assert main(["scan", *SCAN, "--format", "json", "-o", str(path), *extra]) == 0
    result: dict[str, Any] = json.loads(path.read_bytes())
    return result


def _status(result: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {(f["policy_id"], f["resource"]["id"]): f["status"] for f in result["findings"]}


def _remediate(result: Path, out: Path, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    code = main(["remediate", str(result), "--format", "json", "-o", str(out), *extra])
    plan: list[dict[str, Any]] = json.loads(out.read_bytes())
    assert list(default_store().issues("remediation_plan.json", plan)) == []
    return code, plan


def _rows(plan: list[dict[str, Any]], policy: str) -> list[dict[str, Any]]:
    return [a for a in plan if a["policy_id"] == policy]


def test_dry_run_names_each_call_and_changes_nothing(cloud: AwsCloud, tmp_path: Path) -> None:
    ids = _estate()
    result = tmp_path / "result.json"
    _scan(result)
    before = _state(ids)

    code, plan = _remediate(result, tmp_path / "plan.json")
    assert code == 0
    assert _state(ids) == before  # nothing changed

    account = cloud.account_id
    (account_row,) = _rows(plan, "AWS-S3-003")
    assert account_row["action"] == "s3control:PutPublicAccessBlock"
    assert account_row["params"] == {
        "AccountId": account,
        "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "IgnorePublicAcls": True,
                                           "BlockPublicPolicy": True,
                                           "RestrictPublicBuckets": True},
    }  # fmt: skip
    buckets = {a["params"].get("Bucket"): a for a in _rows(plan, "AWS-S3-002")}
    assert buckets["open-data"]["action"] == "s3:PutPublicAccessBlock"
    assert buckets["open-data"]["skipped"] is None
    assert buckets[None]["resource"] == "arn:aws:s3:::kept-open"  # not even planned
    assert buckets[None]["skipped"] == "the resource is tagged cspm-remediate: never"
    ebs = {a["region"]: a for a in _rows(plan, "AWS-EBS-001")}
    assert set(ebs) == {US, EU}
    assert {a["action"] for a in ebs.values()} == {"ec2:EnableEbsEncryptionByDefault"}
    (trail,) = _rows(plan, "AWS-CLOUDTRAIL-002")
    assert (trail["action"], trail["region"]) == ("cloudtrail:UpdateTrail", EU)  # home region
    assert trail["params"]["EnableLogFileValidation"] is True
    (key,) = _rows(plan, "AWS-KMS-001")
    assert (key["action"], key["params"]) == ("kms:EnableKeyRotation", {"KeyId": ids["key"]})

    groups = {a["params"]["GroupId"]: a for a in plan if a["policy_id"].startswith("AWS-EC2-")}
    ssh = groups[ids["ssh"]]
    assert ssh["action"] == "ec2:RevokeSecurityGroupIngress" and ssh["skipped"] is None
    # Only the world range of the SSH rule; 10.0.0.0/8 and the HTTPS rule are left.
    assert ssh["params"]["IpPermissions"] == [
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": WORLD4}
    ]
    assert groups[ids["rdp6"]]["params"]["IpPermissions"] == [
        {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "Ipv6Ranges": WORLD6}
    ]
    assert "--split-ranges" in groups[ids["wide"]]["skipped"]

    table = tmp_path / "plan.txt"
    assert main(["remediate", str(result), "-o", str(table)]) == 0
    text = table.read_text(encoding="utf-8")
    assert "dry run: nothing was changed" in text
    assert "PLANNED     AWS-EBS-001" in text and "SKIPPED     AWS-S3-002" in text
    assert _state(ids) == before


def test_apply_fixes_exactly_the_selected_findings(cloud: AwsCloud, tmp_path: Path) -> None:
    ids = _estate()
    result = tmp_path / "result.json"
    first = _scan(result)
    before = _state(ids)
    bucket_uid = next(
        f["uid"] for f in first["findings"]
        if f["policy_id"] == "AWS-S3-002" and f["resource"]["name"] == "open-data"
    )  # fmt: skip
    audit = tmp_path / "audit" / "remediation.jsonl"
    selected = ["--policy-id", "AWS-EBS-001", "--policy-id", "AWS-EC2-003",
                "--policy-id", "AWS-CLOUDTRAIL-002", "--policy-id", "AWS-KMS-001"]  # fmt: skip
    code, plan = _remediate(result, tmp_path / "plan.json", *selected, "--apply",
                            "--audit-log", str(audit))  # fmt: skip
    assert code == 0
    applied = [a for a in plan if a["applied"]]
    assert {a["policy_id"] for a in applied} == {
        "AWS-EBS-001", "AWS-EC2-003", "AWS-CLOUDTRAIL-002", "AWS-KMS-001"
    }  # fmt: skip
    assert [a for a in plan if not a["applied"]] == [
        a for a in plan if a["params"].get("GroupId") == ids["wide"]
    ]  # the wide rule alone is left, and says why
    records = [json.loads(line) for line in audit.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(applied)
    for record, action in zip(records, applied, strict=True):
        assert record["who"].startswith("arn:aws:") and cloud.account_id in record["who"]
        assert record["when"].endswith("Z") and record["outcome"] == "applied"
        assert record["what"]["action"] == action["action"]
        assert record["what"]["finding"] == action["finding"]
        assert record["before"] != record["after"]
    trail = next(r for r in records if r["what"]["action"] == "cloudtrail:UpdateTrail")
    assert trail["before"] == {"LogFileValidationEnabled": False}
    assert trail["after"] == {"LogFileValidationEnabled": True}

    # The bucket alone, by its finding uid.
    code, plan = _remediate(result, tmp_path / "plan2.json", "--finding", bucket_uid,
                            "--apply", "--audit-log", str(audit))  # fmt: skip
    assert code == 0 and [a["params"]["Bucket"] for a in plan if a["applied"]] == ["open-data"]
    assert len(audit.read_text(encoding="utf-8").splitlines()) == len(records) + 1

    after = _state(ids)
    assert after["account"] == before["account"] is None  # not selected: untouched
    assert after["kept-open"] is None
    assert after["groups"][ids["rdp6"]] == before["groups"][ids["rdp6"]]
    assert after["groups"][ids["wide"]] == before["groups"][ids["wide"]]
    ssh = after["groups"][ids["ssh"]]
    assert {(p["FromPort"], tuple(r["CidrIp"] for r in p["IpRanges"])) for p in ssh} == {
        (22, ("10.0.0.0/8",)), (443, ("0.0.0.0/0",))
    }  # fmt: skip

    status = _status(_scan(tmp_path / "rescan.json"))
    account = cloud.account_id
    assert status[("AWS-EBS-001", f"{account}/{US}")] == "PASS"
    assert status[("AWS-EBS-001", f"{account}/{EU}")] == "PASS"
    arn = f"arn:aws:ec2:{US}:{account}:security-group/"
    assert status[("AWS-EC2-003", arn + ids["ssh"])] == "PASS"
    assert status[("AWS-EC2-003", arn + ids["wide"])] == "FAIL"
    assert status[("AWS-EC2-004", arn + ids["rdp6"])] == "FAIL"
    assert status[("AWS-KMS-001", ids["key"])] == "PASS"
    assert status[("AWS-CLOUDTRAIL-002", f"arn:aws:cloudtrail:{EU}:{account}:trail/org-trail")] \
        == "PASS"  # fmt: skip
    assert status[("AWS-S3-002", "arn:aws:s3:::open-data")] == "PASS"
    assert status[("AWS-S3-002", "arn:aws:s3:::kept-open")] == "FAIL"
    assert status[("AWS-S3-003", account)] == "FAIL"


def test_split_ranges_replaces_a_wide_rule_with_the_rest(cloud: AwsCloud, tmp_path: Path) -> None:
    import boto3

    ids = _estate()
    result = tmp_path / "result.json"
    _scan(result)
    code, plan = _remediate(result, tmp_path / "plan.json", "--policy-id", "AWS-EC2-003",
                            "--split-ranges")  # fmt: skip
    wide = [a for a in plan if a["params"]["GroupId"] == ids["wide"]]
    assert [(a["action"], a["skipped"]) for a in wide] == [
        ("ec2:AuthorizeSecurityGroupIngress", None), ("ec2:RevokeSecurityGroupIngress", None)
    ]  # fmt: skip
    assert [(p["FromPort"], p["ToPort"]) for p in wide[0]["params"]["IpPermissions"]] == [
        (0, 21), (23, 1024)
    ]  # fmt: skip

    code, plan = _remediate(result, tmp_path / "plan2.json", "--policy-id", "AWS-EC2-003",
                            "--split-ranges", "--apply", "--audit-log",
                            str(tmp_path / "audit.jsonl"))  # fmt: skip
    assert code == 0 and all(a["applied"] for a in plan)
    (group,) = boto3.client("ec2", region_name=US).describe_security_groups(GroupIds=[ids["wide"]])[
        "SecurityGroups"
    ]
    assert sorted((p["FromPort"], p["ToPort"]) for p in group["IpPermissions"]) == [
        (0, 21), (23, 1024)
    ]  # fmt: skip
    arn = f"arn:aws:ec2:{US}:{cloud.account_id}:security-group/{ids['wide']}"
    assert _status(_scan(tmp_path / "rescan.json"))[("AWS-EC2-003", arn)] == "PASS"


def test_scope_file_and_waivers_keep_remediation_off(cloud: AwsCloud, tmp_path: Path) -> None:
    ids = _estate()
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - policy: AWS-KMS-001\n    reason: rotated by the HSM team\n"
        "    owner: sec@example.com\n    expires: 2099-12-31\n",
        encoding="utf-8",
    )
    result = tmp_path / "result.json"
    _scan(result, "--waivers", str(waivers))
    scope = tmp_path / "scope.yaml"
    scope.write_text(
        f"accounts: []\nremediation:\n  never:\n    - '{cloud.account_id}/eu-*'\n"
        f"    - '{cloud.account_id}'\n",
        encoding="utf-8",
    )
    before = _state(ids)
    code, plan = _remediate(result, tmp_path / "plan.json", "--scope", str(scope), "--apply",
                            "--audit-log", str(tmp_path / "audit.jsonl"),
                            "--policy-id", "AWS-EBS-001", "--policy-id", "AWS-S3-003",
                            "--policy-id", "AWS-KMS-001")  # fmt: skip
    assert code == 0
    rows = {(a["policy_id"], a["region"]): a for a in plan}
    assert rows[("AWS-EBS-001", US)]["applied"] is True
    assert rows[("AWS-EBS-001", EU)]["skipped"] == (
        f"the scope file opts it out (remediation.never: '{cloud.account_id}/eu-*')"
    )
    (account,) = _rows(plan, "AWS-S3-003")
    assert account["skipped"].startswith("the scope file opts it out") and not account["applied"]
    (key,) = _rows(plan, "AWS-KMS-001")
    assert key["skipped"] == "the finding is WAIVED: waived findings are never touched"
    after = _state(ids)
    assert (after["ebs/us-east-1"], after["ebs/eu-west-1"]) == (True, False)
    assert after["account"] is None and after["key"] == before["key"] is False
    assert len((tmp_path / "audit.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_kms_keys_that_cannot_rotate_are_skipped(cloud: AwsCloud) -> None:
    import boto3

    kms = boto3.client("kms", region_name=US)
    rsa = kms.create_key(KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")["KeyMetadata"]["Arn"]
    plain = kms.create_key()["KeyMetadata"]["Arn"]
    result = {"findings": [_finding("AWS-KMS-001", rsa, cloud.account_id),
                           _finding("AWS-KMS-001", plain, cloud.account_id)]}  # fmt: skip
    plan = plan_remediation(result)
    assert [a.skipped for a in plan.actions] == [
        "the key is RSA_2048: only symmetric keys rotate automatically", None
    ]  # fmt: skip


def test_a_failed_call_exits_3_and_says_which(cloud: AwsCloud, tmp_path: Path) -> None:
    _estate()
    result_path = tmp_path / "result.json"
    result = _scan(result_path)
    for finding in result["findings"]:  # the trail is gone by the time the fix runs
        if finding["policy_id"] == "AWS-CLOUDTRAIL-002":
            finding["resource"]["id"] = finding["resource"]["id"].replace("org-trail", "gone")
    result_path.write_text(json.dumps(result), encoding="utf-8")
    audit = tmp_path / "audit.jsonl"
    code, plan = _remediate(result_path, tmp_path / "plan.json", "--policy-id",
                            "AWS-CLOUDTRAIL-002", "--policy-id", "AWS-EBS-001", "--apply",
                            "--audit-log", str(audit))  # fmt: skip
    assert code == 3
    (trail,) = _rows(plan, "AWS-CLOUDTRAIL-002")
    assert trail["applied"] is False and "gone" in trail["params"]["Name"]
    assert trail["error"].startswith("cannot read the resource before the change")
    assert all(a["applied"] for a in _rows(plan, "AWS-EBS-001"))
    assert len(audit.read_text(encoding="utf-8").splitlines()) == 2  # the EBS calls only


def _finding(policy: str, resource: str, account: str) -> dict[str, Any]:
    return {
        "uid": f"{policy}:{resource}",
        "policy_id": policy,
        "status": "FAIL",
        "resource": {"id": resource, "type": "aws_kms_key", "provider": "aws",
                     "account": account, "region": US, "name": "k", "tags": {}},
    }  # fmt: skip
