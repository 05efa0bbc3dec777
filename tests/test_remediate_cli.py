"""``cspm-opa remediate`` on bad input (each error names the file, option or field), and
``--remediate`` on ``event`` and ``watch``: refused without an audit log, and on moto an
event's new FAIL of a listed check is fixed and audited while other checks' are not."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.cli import main
from cspm_opa.localclouds.aws_cloud import AwsCloud
from cspm_opa.localclouds.aws_process import isolated_aws_cloud
from cspm_opa.remediate import REMEDIABLE, new_fails, plan_remediation
from cspm_opa.schemas import default_store
from tests.events.aws_events import bucket_event

REGION = "us-east-1"
ACCOUNT = "123456789012"


def uid(policy: str, status: str) -> str:
    return hashlib.md5(f"{policy}/{status}".encode()).hexdigest()  # an id, not a secret


def _finding(policy: str, status: str = "FAIL", **resource: Any) -> dict[str, Any]:
    ref = {"id": f"{ACCOUNT}/{REGION}", "type": "aws_region_settings", "provider": "aws",
           "account": ACCOUNT, "region": REGION, "name": REGION, "tags": {},
           **resource}  # fmt: skip
    return {
        "uid": uid(policy, status), "policy_id": policy, "title": "t", "severity": "MEDIUM",
        "status": status, "message": "m", "remediation": "r", "resource": ref,
        "compliance": [],
    }  # fmt: skip


def _result(tmp_path: Path, *findings: dict[str, Any]) -> Path:
    result = {
        "schema_version": "1",
        "generated_at": "2026-12-05T10:00:00Z",
        "scope": [
            {
                "provider": "aws",
                "account": ACCOUNT,
                "regions": [REGION],
                "criticality": "medium",
                "compliance": ["CIS_AWS_v5.0"],
            }
        ],
        "policies": [
            {
                "id": "AWS-EBS-001",
                "title": "t",
                "severity": "MEDIUM",
                "resource_type": "aws_region_settings",
            },
            {
                "id": "AWS-EBS-002",
                "title": "t",
                "severity": "MEDIUM",
                "resource_type": "aws_ebs_volume",
            },
        ],
        "findings": list(findings),
        "compliance": {},
        "posture_score": 50,
        "summary": {"by_severity": {}, "by_status": {}},
        "waivers": [],
        "coverage": [],
        "attack_paths": [],
    }
    path = tmp_path / "result.json"
    path.write_text(json.dumps(result), encoding="utf-8")
    return path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().err


def test_an_unreadable_result_file_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.json"
    code, err = _run(["remediate", str(missing)], capsys)
    assert code == 2 and f"{missing}: cannot read scan result" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"findings": [', encoding="utf-8")
    code, err = _run(["remediate", str(broken)], capsys)
    assert code == 2 and f"{broken}: not valid JSON" in err and "line 1" in err
    not_result = tmp_path / "other.json"
    not_result.write_text('{"findings": []}', encoding="utf-8")
    code, err = _run(["remediate", str(not_result)], capsys)
    assert code == 2 and f"{not_result}: not a cspm-opa scan result" in err


def test_unknown_policy_ids_and_finding_uids_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = _result(tmp_path, _finding("AWS-EBS-001"), _finding("AWS-EBS-002"))
    code, err = _run(["remediate", str(result), "--policy-id", "AWS-NOPE-9"], capsys)
    assert code == 2
    assert "--policy-id 'AWS-NOPE-9' is not a known check id" in err
    assert "AWS-EBS-001" in err  # the remediable ids are listed
    code, err = _run(["remediate", str(result), "--policy-id", "AWS-EBS-002"], capsys)
    assert code == 2 and "--policy-id 'AWS-EBS-002' has no remediation" in err
    code, err = _run(["remediate", str(result), "--finding", "uid-missing"], capsys)
    assert code == 2 and f"--finding 'uid-missing': no finding with this uid in {result}" in err
    code, err = _run(["remediate", str(result), "--finding", uid("AWS-EBS-002", "FAIL")], capsys)
    assert code == 2 and "its check AWS-EBS-002 has no remediation" in err


def test_a_bad_scope_file_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = _result(tmp_path, _finding("AWS-EBS-001"))
    scope = tmp_path / "scope.yaml"
    scope.write_text("accounts: []\nremediation:\n  never: '123456789012'\n", encoding="utf-8")
    code, err = _run(["remediate", str(result), "--scope", str(scope)], capsys)
    assert code == 2 and str(scope) in err and ":3" in err and "never" in err


def test_guard_rails_need_no_cloud(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """WAIVED, PASS and tagged findings are decided from the result alone."""
    result = _result(
        tmp_path,
        _finding("AWS-EBS-001", "WAIVED"),
        _finding("AWS-EBS-001", "PASS"),
        _finding("AWS-EBS-001", "FAIL", tags={"CSPM-Remediate": "Never"}),
    )
    out = tmp_path / "plan.json"
    assert main(["remediate", str(result), "--format", "json", "-o", str(out)]) == 0
    plan = json.loads(out.read_bytes())
    assert list(default_store().issues("remediation_plan.json", plan)) == []
    assert [(a["finding"], a["skipped"]) for a in plan] == [
        (uid("AWS-EBS-001", "WAIVED"), "the finding is WAIVED: waived findings are never touched"),
        (uid("AWS-EBS-001", "FAIL"), "the resource is tagged CSPM-Remediate: Never"),
    ]
    assert not any(a["applied"] for a in plan)
    library = plan_remediation(result)  # a path works as well as a loaded result
    assert len(library) == 2 and [a.to_dict() for a in library] == plan


def test_the_plan_schema_names_a_bad_entry() -> None:
    entry = {"finding": "u", "policy_id": "AWS-EBS-001", "resource": "r",
             "action": "ec2 EnableEbsEncryptionByDefault", "region": REGION, "params": {},
             "applied": "no", "skipped": None}  # fmt: skip
    issues = {i.path for i in default_store().issues("remediation_plan.json", [entry])}
    assert issues == {"[0].action", "[0].applied"}


def test_remediate_on_event_and_watch_needs_an_audit_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event = tmp_path / "event.json"
    event.write_text(json.dumps(bucket_event("PutBucketAcl", "b")), encoding="utf-8")
    base = ["event", str(event), "--provider", "aws"]
    code, err = _run([*base, "--remediate", "AWS-S3-002"], capsys)
    assert code == 2 and "--remediate" in err and "give --audit-log FILE" in err
    code, err = _run([*base, "--remediate", "AWS-S3-002,AWS-NOPE-1", "--audit-log",
                      str(tmp_path / "a.jsonl")], capsys)  # fmt: skip
    assert code == 2 and "no remediation for AWS-NOPE-1" in err
    watch = ["watch", "--provider", "aws", "--store", f"sqlite:///{tmp_path / 'h.db'}"]
    code, err = _run([*watch, "--remediate", "AWS-EBS-001", "--max-cycles", "1"], capsys)
    assert code == 2 and "give --audit-log FILE" in err
    assert not (tmp_path / "a.jsonl").exists()


def test_new_fails_follow_the_delta() -> None:
    findings = [{"uid": u, "status": s} for u, s in
                (("a", "FAIL"), ("b", "FAIL"), ("c", "FAIL"), ("d", "PASS"))]  # fmt: skip
    assert new_fails({"findings": findings}) == ["a", "b", "c"]
    delta = {"new": ["a", "d"], "regressed": ["c"], "resolved": []}
    assert new_fails({"findings": findings, "delta": delta}) == ["a", "c"]
    assert "AWS-S3-002" in REMEDIABLE


@pytest.fixture(scope="module")
def cloud() -> Iterator[AwsCloud]:
    with isolated_aws_cloud(seed=False) as fake:
        yield fake


def test_event_remediates_new_fails_of_the_listed_checks(cloud: AwsCloud, tmp_path: Path) -> None:
    import boto3

    with cloud.environment():
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket="event-fixed")
        s3.put_bucket_acl(Bucket="event-fixed", ACL="public-read")
        event = tmp_path / "event.json"
        event.write_text(json.dumps(bucket_event("PutBucketAcl", "event-fixed")), "utf-8")
        audit = tmp_path / "audit.jsonl"
        out = tmp_path / "result.json"
        argv = ["event", str(event), "--provider", "aws", "--regions", REGION, "--format",
                "json", "-o", str(out), "--remediate", "AWS-S3-002",
                "--audit-log", str(audit)]  # fmt: skip
        assert main(argv) == 0
        result = json.loads(out.read_bytes())
        fails = {f["policy_id"] for f in result["findings"] if f["status"] == "FAIL"}
        assert {"AWS-S3-002", "AWS-S3-005"} <= fails  # as the event saw it
        (record,) = [json.loads(line) for line in audit.read_text("utf-8").splitlines()]
        assert record["what"]["action"] == "s3:PutPublicAccessBlock"
        assert record["what"]["params"]["Bucket"] == "event-fixed"
        assert record["before"] is None and all(record["after"].values())
        block = s3.get_public_access_block(Bucket="event-fixed")
        assert all(block["PublicAccessBlockConfiguration"].values())
        # The ACL stays public: AWS-S3-005 was not listed (and has no remediation).
        grants = s3.get_bucket_acl(Bucket="event-fixed")["Grants"]
        assert any("AllUsers" in str(g["Grantee"].get("URI")) for g in grants)

        # The same event again: the listed check now passes, so nothing more is done.
        assert main(argv) == 0
        assert len(audit.read_text("utf-8").splitlines()) == 1


def test_watch_remediates_each_cycles_new_fails(cloud: AwsCloud, tmp_path: Path) -> None:
    import boto3

    audit = tmp_path / "audit.jsonl"
    argv = ["watch", "--provider", "aws", "--regions", REGION, "--max-cycles", "1",
            "--store", f"sqlite:///{tmp_path / 'history.db'}",
            "--remediate", "AWS-EBS-001", "--audit-log", str(audit)]  # fmt: skip
    with cloud.environment():
        ec2 = boto3.client("ec2", region_name=REGION)
        assert ec2.get_ebs_encryption_by_default()["EbsEncryptionByDefault"] is False
        assert main(argv) == 0
        assert ec2.get_ebs_encryption_by_default()["EbsEncryptionByDefault"] is True
    (record,) = _audit_records(audit)
    assert record["what"]["action"] == "ec2:EnableEbsEncryptionByDefault"
    assert record["what"]["region"] == REGION and record["what"]["policy_id"] == "AWS-EBS-001"
    assert (record["before"], record["after"]) == (
        {"EbsEncryptionByDefault": False}, {"EbsEncryptionByDefault": True}
    )  # fmt: skip


def _audit_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# Names in collect/ that look like writes and are not: botocore's credential chain and an
# azure-identity option.
NOT_WRITES = {"insert_before", "disable_instance_discovery"}
WRITE_NAME = re.compile(
    r"""["'.]((?:put|create|delete|update|enable|disable|revoke|authorize|modify|attach|"""
    r"""detach|patch|insert|remove|replace|set|begin_create|begin_update|begin_delete)"""
    r"""_[a-z_]+)"""
)
WRITE_METHOD = re.compile(r"""["'](PATCH|PUT|DELETE)["']""")


def test_remediation_is_the_only_writer() -> None:
    """No collector names a write operation or a writing HTTP method; remediation does."""
    root = Path(__file__).resolve().parents[1] / "cspm_opa"
    found = []
    for path in sorted((root / "collect").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        names = {m.group(1) for m in WRITE_NAME.finditer(text)} - NOT_WRITES
        methods = {m.group(1) for m in WRITE_METHOD.finditer(text)}
        found += [f"{path.relative_to(root)}: {n}" for n in sorted(names | methods)]
    assert found == []
    remediate = "".join(p.read_text("utf-8") for p in (root / "remediate").glob("*.py"))
    assert WRITE_NAME.search(remediate) and WRITE_METHOD.search(remediate)  # the test bites


# The IAM permission each AWS API call needs (S3 names its account and bucket variants).
IAM_FOR = {
    "s3control:PutPublicAccessBlock": ["s3:PutAccountPublicAccessBlock",
                                       "s3:GetAccountPublicAccessBlock"],
    "s3:PutPublicAccessBlock": ["s3:PutBucketPublicAccessBlock", "s3:GetBucketPublicAccessBlock"],
    "ec2:EnableEbsEncryptionByDefault": ["ec2:EnableEbsEncryptionByDefault",
                                         "ec2:GetEbsEncryptionByDefault"],
    "ec2:RevokeSecurityGroupIngress": ["ec2:RevokeSecurityGroupIngress",
                                       "ec2:AuthorizeSecurityGroupIngress",
                                       "ec2:DescribeSecurityGroups"],
    "cloudtrail:UpdateTrail": ["cloudtrail:UpdateTrail", "cloudtrail:DescribeTrails"],
    "kms:EnableKeyRotation": ["kms:EnableKeyRotation", "kms:DescribeKey",
                              "kms:GetKeyRotationStatus"],
}  # fmt: skip


def test_the_documented_roles_cover_every_action() -> None:
    from cspm_opa.remediate.registry import MODULES

    doc = (Path(__file__).resolve().parents[1] / "docs" / "remediation.md").read_text("utf-8")
    blocks = re.findall(r"```json\n(.*?)```", doc, re.S)
    policies = [json.loads(b) for b in blocks if '"Version"' in b or '"IsCustom"' in b]
    aws = next(p for p in policies if "Version" in p)
    granted = {a for s in aws["Statement"] for a in ([s["Action"]] if isinstance(s["Action"],
               str) else s["Action"])}  # fmt: skip
    aws_actions = {m.ACTION for m in MODULES if m.PROVIDER == "aws"}
    assert set(IAM_FOR) == aws_actions
    assert {p for ps in IAM_FOR.values() for p in ps} | {"sts:GetCallerIdentity"} == granted
    azure = next(p for p in policies if "IsCustom" in p)
    assert azure["Actions"] == ["Microsoft.Storage/storageAccounts/read",
                                "Microsoft.Storage/storageAccounts/write"]  # fmt: skip
    gcp = doc.split("includedPermissions:\n", 1)[1].split("```", 1)[0].split()
    assert [p for p in gcp if p != "-"] == [
        "storage.buckets.get", "storage.buckets.update", "compute.firewalls.get",
        "compute.firewalls.update", "compute.networks.updatePolicy",
        "compute.globalOperations.get",
    ]  # fmt: skip
