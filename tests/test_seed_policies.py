"""The playbook's seed custom-policy file: as written it gets file:line errors with the fix;
adjusted (docs/examples/seed-policies/) it lints, evaluates, and scans to SARIF."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cspm_opa import LocalOpa, PolicyError, Status, evaluate, snapshot_from_dict
from cspm_opa.cli import main
from cspm_opa.policy_tools import run_tests
from cspm_opa.schemas import default_store
from cspm_opa.testing import azure_builders as az
from cspm_opa.testing import builders as b
from cspm_opa.yaml_names import control_problem, known_frameworks, resource_type
from cspm_opa.yaml_rule import compile_rule
from tests.conftest import write_policy

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples" / "seed-policies"
ACCOUNT = "111122223333"
S3_ID = "CUSTOM-S3-BUCKET-ENCRYPTION-REQUIRED"
EC2_ID = "CUSTOM-PUBLIC-IP-NOT-ATTACHED-TO-COMPUTE"
STORAGE_ID = "CUSTOM-STORAGE-ACCOUNT-PRIVATE-ENDPOINT"

SEED = """\
policies:
  - name: s3-bucket-encryption-required
    description: All S3 buckets must have AES-256 or KMS encryption enabled
    provider: aws
    resource_type: aws_s3_bucket
    severity: HIGH
    rule: |
      resource.encryption.rules[0].apply_server_side_encryption_by_default.sse_algorithm
      in ["aws:kms", "AES256"]
    remediation: Enable default encryption on the S3 bucket using AES-256 or AWS KMS
    compliance_mapping:
      - CIS_AWS_v5.0: "2.1.1"
      - PCI_DSS: "3.4"
      - SOC2: "CC6.1"
  - name: public-ip-not-attached-to-compute
    description: Production compute instances must not have public IP addresses
    provider: aws
    resource_type: aws_ec2_instance
    severity: CRITICAL
    rule: |
      resource.public_ip_address == null AND
      resource.tags["Environment"] == "production"
    remediation: Remove public IP and route traffic through a load balancer or NAT gateway
  - name: storage-account-private-endpoint
    description: Azure storage accounts must use private endpoints only
    provider: azure
    resource_type: azurerm_storage_account
    severity: HIGH
    rule: |
      resource.network_rules.default_action == "Deny" AND
      resource.private_endpoint_connections.length > 0
"""

SINGLE = """\
name: s3-versioned
description: Buckets keep object versions so deletes can be undone.
provider: aws
resource_type: aws_s3_bucket
severity: MEDIUM
rule: resource.config.versioning.status == "Enabled" OR NOT resource.tags.Retain == null
remediation: Enable versioning on the bucket, or tag it Retain.
compliance_mapping:
  - CIS_AWS: "2.1.2"
  - PCI_DSS: ["10.5.1"]
"""


def test_the_seed_as_written_names_each_problem_at_its_line_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = write_policy(tmp_path, "seed/seed.yaml", SEED)
    assert main(["lint", str(seed.parent)]) == 2
    err = capsys.readouterr().err
    expected = [
        f"{seed}:8: policies[0].rule: resource.encryption.rules[0]"
        ".apply_server_side_encryption_by_default.sse_algorithm is not a field of aws_s3_bucket;"
        " did you mean resource.config.encryption.sse_algorithm?",
        f"{seed}:13: policies[0].compliance_mapping[1].PCI_DSS: control '3.4' is not in the "
        "PCI DSS v4.0 catalog; nearest: 3.5.1",
        f"{seed}:21: policies[1].rule: resource.public_ip_address is not a field of "
        "aws_instance; did you mean resource.config.public_ip_address?",
        f"{seed}:24: policies[2]: 'remediation' is a required property",
        f"{seed}:30: policies[2].rule: resource.network_rules.default_action is not a field",
        f"{seed}:31: policies[2].rule: resource.private_endpoint_connections is not a field of "
        "azurerm_storage_account; did you mean resource.config.private_endpoint_connections?",
    ]
    for line in expected:
        assert line in err
    positions = [err.index(line) for line in expected]
    assert positions == sorted(positions)  # in file order
    assert "'policies' was unexpected" not in err and "2.1.1" not in err  # 2.1.1 exists


def test_the_shipped_examples_lint_and_their_examples_pass(
    capsys: pytest.CaptureFixture[str], opa_bin: Path
) -> None:
    assert main(["lint", str(EXAMPLES)]) == 0
    assert "lint: 3 checks clean" in capsys.readouterr().out
    report = run_tests([EXAMPLES], opa=opa_bin)
    assert report.failed == [] and report.passed == 8 and report.coverage == 100.0


def _snapshots(tmp_path: Path) -> list[Path]:
    aws = b.snapshot(ACCOUNT, [
        b.s3_bucket("kms"),
        b.s3_bucket("plain", config={"encryption": None}),
        b.instance("prod-private", tags={"Environment": "production"}),
        b.instance("prod-public", tags={"Environment": "production"},
                   config={"public_ip_address": "203.0.113.10"}),
        b.instance("dev-public", tags={"Environment": "dev"},
                   config={"public_ip_address": "203.0.113.11"}),
    ])  # fmt: skip
    azure = az.snapshot(az.DEFAULT_SUBSCRIPTION, [
        az.storage_account("stprivate"),
        az.storage_account("stopen", config={"network_rules": {"default_action": "Allow"}}),
        az.storage_account("stnoendpoint", config={"private_endpoint_connections": []}),
    ])  # fmt: skip
    paths = []
    for name, doc in (("aws.json", aws), ("azure.json", azure)):
        paths.append(tmp_path / name)
        paths[-1].write_text(json.dumps(doc), encoding="utf-8")
    return paths


def _statuses(result: dict[str, Any]) -> dict[tuple[str, str], str]:
    ours = (S3_ID, EC2_ID, STORAGE_ID)
    return {
        (f["policy_id"], f["resource"]["name"]): f["status"]
        for f in result["findings"]
        if f["policy_id"] in ours
    }


def test_evaluate_with_the_examples_fails_and_passes_where_expected(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    args = ["evaluate", *map(str, _snapshots(tmp_path)), "--policies", str(EXAMPLES),
            "--format", "json", "-o", str(out)]  # fmt: skip
    assert main(args) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert _statuses(result) == {
        (S3_ID, "kms"): "PASS",
        (S3_ID, "plain"): "FAIL",
        (EC2_ID, "prod-private"): "PASS",
        (EC2_ID, "prod-public"): "FAIL",  # dev-public is out of scope: applies_to
        (STORAGE_ID, "stprivate"): "PASS",
        (STORAGE_ID, "stopen"): "FAIL",
        (STORAGE_ID, "stnoendpoint"): "FAIL",
    }
    s3 = next(f for f in result["findings"] if f["policy_id"] == S3_ID)
    assert s3["compliance"] == [
        {"framework": "PCI_DSS_v4.0", "control": "3.5.1"},
        {"framework": "SOC2", "control": "CC6.1"},
    ]
    assert result["compliance"]["PCI_DSS_v4.0"]["controls"]


def test_scan_of_the_local_aws_cloud_gives_sarif_with_the_examples(tmp_path: Path) -> None:
    from cspm_opa.localclouds.aws_cloud import ISOLATION, UNSET
    from cspm_opa.localclouds.aws_process import isolated_aws_cloud

    out = tmp_path / "scan.sarif"
    with isolated_aws_cloud() as cloud:
        env = {k: v for k, v in os.environ.items() if k not in UNSET}
        env.update({**ISOLATION, **cloud.env})
        env = {k: v for k, v in env.items() if v != ""}
        proc = subprocess.run(
            [str(Path(sys.executable).with_name("cspm-opa")), "scan", "--provider", "aws",
             "--regions", "us-east-1", "--policies", str(EXAMPLES), "--format", "sarif",
             "-o", str(out)],
            env=env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    run = json.loads(out.read_text(encoding="utf-8"))["runs"][0]
    rules = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert {S3_ID, EC2_ID} <= rules and STORAGE_ID not in rules  # azure: not scanned
    results = {r["ruleId"] for r in run["results"]}
    assert results <= rules and "AWS-S3-001" in results


def test_a_single_check_with_a_kebab_name_list_mapping_and_or_not(tmp_path: Path) -> None:
    write_policy(tmp_path, "mine/versioned.yaml", SINGLE)
    plain = {"versioning": {"status": "Suspended", "mfa_delete": False}}
    buckets = [
        b.s3_bucket("versioned"),
        b.s3_bucket("retained", tags={"Retain": "yes"}, config=plain),
        b.s3_bucket("neither", config=plain),
    ]
    with LocalOpa([tmp_path / "mine"]) as engine:
        policy = engine.catalog.get("CUSTOM-S3-VERSIONED")
        assert policy.package == "cspm.checks.aws.custom.s3_versioned"
        assert [(c.framework, c.control) for c in policy.compliance] == [
            ("CIS_AWS_v5.0", "2.1.2"),
            ("PCI_DSS_v4.0", "10.5.1"),
        ]
        findings = evaluate([snapshot_from_dict(b.snapshot(ACCOUNT, buckets))], engine)
    verdicts = {f.resource.name: f.status for f in findings if f.policy_id == policy.id}
    assert verdicts == {"versioned": Status.PASS, "retained": Status.PASS, "neither": Status.FAIL}


def test_an_unknown_type_or_framework_names_what_exists(tmp_path: Path) -> None:
    text = SINGLE.replace("aws_s3_bucket", "aws_s3_buckets").replace("CIS_AWS:", "CIS_AWZ:")
    write_policy(tmp_path, "mine/versioned.yaml", text)
    with pytest.raises(PolicyError) as info:
        LocalOpa([tmp_path / "mine"])
    message = str(info.value)
    assert "versioned.yaml:4: resource_type: 'aws_s3_buckets' is not a resource type" in message
    assert "did you mean aws_s3_bucket" in message
    assert "versioned.yaml:9: compliance_mapping[0]: 'CIS_AWZ' is not one of" in message


@pytest.mark.parametrize(
    ("framework", "control", "nearest"),
    [
        ("PCI_DSS_v4.0", "3.4", "nearest: 3.5.1 (v3.2.1's 3.4 is 3.5.1 in v4.0)"),
        ("PCI_DSS_v4.0", "8.2.3", "nearest: 8.3.6"),  # password strength moved
        ("PCI_DSS_v4.0", "10.2.1.9", "nearest: 10.2.1"),  # by number: the parent
        ("SOC2", "CC6.9", "nearest: CC6.8"),
        ("CIS_AWS_v5.0", "2.1.9", "nearest: 2.1.4"),
    ],
)
def test_a_control_the_catalog_lacks_names_the_nearest(
    framework: str, control: str, nearest: str
) -> None:
    problem = control_problem(framework, control)
    assert problem is not None and nearest in problem
    assert control_problem(framework, nearest.split()[1]) is None


def test_aliases_resolve_and_the_schema_knows_every_framework_alias() -> None:
    assert resource_type("aws", "aws_ec2_instance") == ("aws_instance", None)
    assert resource_type("azure", "azurerm_linux_virtual_machine")[0] == "azurerm_virtual_machine"
    assert resource_type("aws", "azurerm_storage_account")[1] == (
        "'azurerm_storage_account' is not a aws resource type"
    )
    enum = default_store().document("custom_check.json")["$defs"]["framework"]["enum"]
    assert sorted(enum) == known_frameworks()


@pytest.mark.parametrize(
    ("rule", "body", "helpers"),
    [
        ("resource.a\nin [1, 2]", ["resource.a in [1, 2]"], []),
        ("resource.a == null", ["not resource.a != null"], []),
        ("NOT resource.a == null", ["resource.a != null"], []),
        ("resource.xs.length > 0", ["count(resource.xs) > 0"], []),
        ("resource.a OR resource.b", ["c_1[id]"], [["resource.a"], ["resource.b"]]),
        ("NOT (resource.a AND resource.b)", ["not c_1[id]"], [["resource.a", "resource.b"]]),
        ("resource.tags['Env'] == 'prod'", ['resource.tags["Env"] == "prod"'], []),
    ],
)
def test_the_rule_language_compiles_to_rego(
    rule: str, body: list[str], helpers: list[list[str]]
) -> None:
    compiled = compile_rule(rule, "c")
    assert [text for text, _ in compiled.body] == body
    assert [[t for t, _ in lines] for _, bodies in compiled.helpers for lines in bodies] == helpers


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ('resource.config.versioning.status == "Enabled" AND', "versioned.yaml:6: rule:"),
        ("(resource.config.versioning.status", "versioned.yaml:6: rule: a bracket is not"),
    ],
)
def test_a_broken_rule_names_its_line(tmp_path: Path, rule: str, expected: str) -> None:
    lines = SINGLE.splitlines()
    text = "\n".join(f"rule: {rule}" if line.startswith("rule:") else line for line in lines)
    write_policy(tmp_path, "mine/versioned.yaml", text + "\n")
    with pytest.raises(PolicyError, match=expected):
        LocalOpa([tmp_path / "mine"])
