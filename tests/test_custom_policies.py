"""Custom checks: user Rego beside the pack, the YAML form, scaffolding, and the test kit."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspm_opa import LocalOpa, PolicyError, Status, evaluate, load_catalog, snapshot_from_dict
from cspm_opa._paths import rego_dir
from cspm_opa.cli import main
from cspm_opa.engine.base import policy_dirs
from cspm_opa.policy_tools import lint, run_tests
from cspm_opa.testing import builders as b
from cspm_opa.testing.policy_tester import PolicyTester, VerdictError
from tests.conftest import TAG_CHECK, write_policy

OWNER_YAML = """\
name: s3_owner_tag
description: Every bucket names the team that owns it, for incident routing.
provider: aws
resource_type: aws_s3_bucket
severity: LOW
rule: resource.tags.Owner
remediation: Add an Owner tag naming the owning team.
compliance_mapping:
  SOC2: [CC6.1]
examples:
  pass:
    - tags: {Owner: web}
  fail:
    - tags: {Team: web}
"""

VERSIONING_YAML = """\
name: prod_versioning
description: Production buckets keep object versions and require MFA to delete them.
provider: aws
resource_type: aws_s3_bucket
severity: MEDIUM
applies_to: resource.tags.Environment == "production"
rule: |
  resource.config.versioning.status == "Enabled"
  resource.config.versioning.mfa_delete == true
remediation: Enable versioning and MFA delete on production buckets.
"""

ACCOUNT = "111122223333"


def _bucket(name: str, **overrides: object) -> dict:
    return b.s3_bucket(name, ACCOUNT, **overrides)


def _verdicts(engine: LocalOpa, policy_id: str, *resources: dict) -> dict[str, Status]:
    snap = snapshot_from_dict(b.snapshot(ACCOUNT, list(resources)))
    return {f.resource.name: f.status for f in evaluate([snap], engine) if f.policy_id == policy_id}


def test_yaml_rule_makes_buckets_without_owner_fail(tmp_path: Path) -> None:
    write_policy(tmp_path, "mine/owner.yaml", OWNER_YAML)
    with LocalOpa([tmp_path / "mine"]) as engine:
        policy = engine.catalog.get("CUSTOM-S3-OWNER-TAG")
        assert policy.file == f"{tmp_path / 'mine' / 'owner.yaml'}:1"
        assert [(c.framework, c.control) for c in policy.compliance] == [("SOC2", "CC6.1")]
        verdicts = _verdicts(
            engine,
            "CUSTOM-S3-OWNER-TAG",
            _bucket("owned", tags={"Owner": "web"}),
            _bucket("orphan"),
        )
    assert verdicts == {"owned": Status.PASS, "orphan": Status.FAIL}


def test_yaml_applies_to_and_multi_line_rules(tmp_path: Path) -> None:
    write_policy(tmp_path, "mine/versioning.yaml", VERSIONING_YAML)
    prod_ok = _bucket(
        "prod-ok",
        tags={"Environment": "production"},
        config={"versioning": {"status": "Enabled", "mfa_delete": True}},
    )
    prod_bad = _bucket(
        "prod-bad",
        tags={"Environment": "production"},
        config={"versioning": {"status": "Enabled", "mfa_delete": False}},
    )
    dev = _bucket("dev", tags={"Environment": "dev"})  # fmt: skip
    with LocalOpa([tmp_path / "mine"]) as engine:
        verdicts = _verdicts(engine, "CUSTOM-PROD-VERSIONING", prod_ok, prod_bad, dev)
    assert verdicts == {"prod-ok": Status.PASS, "prod-bad": Status.FAIL}


def test_yaml_examples_become_tests_and_count_for_lint(tmp_path: Path, opa_bin: Path) -> None:
    write_policy(tmp_path, "mine/owner.yaml", OWNER_YAML)
    report = run_tests([tmp_path / "mine"], opa=opa_bin)
    assert report.failed == [] and report.passed == 2 and report.coverage == 100.0
    assert lint([tmp_path / "mine"], opa_bin).problems == []
    # An example that contradicts the rule fails its generated test.
    write_policy(tmp_path, "mine/owner.yaml", OWNER_YAML.replace("{Team: web}", "{Owner: x}"))
    report = run_tests([tmp_path / "mine"], opa=opa_bin)
    assert len(report.failed) == 1 and "test_fail_example_1" in report.failed[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (OWNER_YAML.replace("severity: LOW", "severity: [LOW"), "owner.yaml:6: not valid YAML"),
        (OWNER_YAML.replace("provider: aws\n", ""), "owner.yaml:1: $: 'provider' is a required"),
        (OWNER_YAML.replace("severity: LOW", "severity: SEVERE"), "owner.yaml:5: severity"),
        (OWNER_YAML.replace("rule: resource.tags.Owner", "rule: resource.config.ownr"),
         "owner.yaml:6: rule: resource.config.ownr is not a field of aws_s3_bucket"),
        (VERSIONING_YAML.replace('"Enabled"\n  resource', '"Enabled"\n  resource ==!'),
         "owner.yaml:9: rego_parse_error"),
    ],
)  # fmt: skip
def test_yaml_errors_point_at_the_yaml_file_and_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    write_policy(tmp_path, "mine/owner.yaml", text)
    with pytest.raises(PolicyError) as info:
        LocalOpa([tmp_path / "mine"])
    assert f"{tmp_path / 'mine'}/{expected}" in str(info.value)


def test_two_yaml_checks_with_one_name_name_both_files(tmp_path: Path) -> None:
    first = write_policy(tmp_path, "mine/a.yaml", OWNER_YAML)
    second = write_policy(tmp_path, "mine/b.yaml", OWNER_YAML)
    with pytest.raises(PolicyError) as info:
        LocalOpa([tmp_path / "mine"])
    assert f"{second}:1" in str(info.value) and str(first) in str(info.value)


def test_user_rego_imports_the_builtin_library(tmp_path: Path) -> None:
    text = TAG_CHECK.replace(
        "package cspm.checks.aws.acme.owner_tag\n",
        "package cspm.checks.aws.acme.owner_tag\n\nimport data.cspm.lib.time\n",
    ).replace("not bucket.tags.Owner", 'time.age_days("2026-01-01T00:00:00Z") > 300')
    write_policy(tmp_path, "mine/check.rego", text)
    with LocalOpa([tmp_path / "mine"]) as engine:
        verdicts = _verdicts(engine, "ACME-S3-001", _bucket("any"))
    assert verdicts == {"any": Status.FAIL}  # 332 days before the snapshot's taken_at


def test_package_clash_with_the_builtin_pack_names_both_files(
    tmp_path: Path, opa_bin: Path
) -> None:
    clash = TAG_CHECK.replace("aws.acme.owner_tag", "aws.s3.deny_http")
    path = write_policy(tmp_path, "mine/check.rego", clash)
    with pytest.raises(PolicyError) as info:
        load_catalog([*policy_dirs(), tmp_path / "mine"], opa_bin)
    text = str(info.value)
    assert "package cspm.checks.aws.s3.deny_http is already declared" in text
    assert str(path) in text and str(rego_dir() / "aws" / "s3" / "deny_http.rego") in text


def test_new_policy_scaffold_passes_lint_and_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--provider", "aws", "--resource-type", "aws_ebs_volume", "--id", "ACME-EBS-001",
            "--dir", str(tmp_path)]  # fmt: skip
    assert main(["new-policy", *args]) == 0
    assert (tmp_path / "aws" / "ebs" / "acme_ebs_001.rego").is_file()
    assert main(["lint", str(tmp_path)]) == 0
    assert main(["test", str(tmp_path), "--threshold", "100"]) == 0
    assert "2 passed, 0 failed" in capsys.readouterr().out
    assert main(["new-policy", *args]) == 2  # refuses to overwrite
    assert "already exists" in capsys.readouterr().err


def test_coverage_below_threshold_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_policy(tmp_path, "mine/check.rego", TAG_CHECK + (
        '\ndeny contains {"resource": id, "message": "huge"} if {\n'
        "\tsome id, bucket in input.resources.aws_s3_bucket\n"
        '\tbucket.config.versioning.status == "Suspended"\n}\n'
    ))  # fmt: skip
    write_policy(tmp_path, "mine/check_test.rego", (
        "package cspm.checks.aws.acme.owner_tag_test\n\n"
        "import data.cspm.checks.aws.acme.owner_tag\n\n"
        'test_fail_no_owner if {\n\tcount(owner_tag.deny) == 1 with input as '
        '{"resources": {"aws_s3_bucket": {"b": {"tags": {}, "config": {"versioning": {}}}}}}\n}\n'
    ))  # fmt: skip
    assert main(["test", str(tmp_path / "mine"), "--threshold", "95"]) == 1
    captured = capsys.readouterr()
    assert "is below the threshold 95%" in captured.err
    assert "not covered:" in captured.err and "check.rego: lines" in captured.err


def test_policy_tester_asserts_verdicts_through_opa(tmp_path: Path) -> None:
    write_policy(tmp_path, "mine/owner.yaml", OWNER_YAML)
    with PolicyTester([tmp_path / "mine"]) as tester:
        tester.assert_fails("CUSTOM-S3-OWNER-TAG", _bucket("orphan"), message="resource.tags.Owner")
        tester.assert_passes("CUSTOM-S3-OWNER-TAG", _bucket("owned", tags={"Owner": "web"}))
        with pytest.raises(VerdictError, match="expected FAIL, got PASS"):
            tester.assert_fails("CUSTOM-S3-OWNER-TAG", _bucket("owned", tags={"Owner": "w"}))
        with pytest.raises(KeyError):
            tester.verdicts("NO-SUCH-1", _bucket("x"))
        with pytest.raises(Exception, match="invalid snapshot"):
            tester.findings([_bucket("typo", config={"versioning": {"stat": "x"}})])
