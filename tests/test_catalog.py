"""The policy catalog is read from METADATA and held to its contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspm_opa import PolicyError, Severity, load_catalog
from cspm_opa._paths import rego_dir
from cspm_opa.compliance.catalogs import framework
from cspm_opa.policy_tools import lint
from cspm_opa.schemas import default_store
from tests.conftest import TAG_CHECK, write_policy

FRAMEWORKS = {"CIS_AWS_v5.0", "CIS_Azure_v4.0", "CIS_GCP_v4.0", "PCI_DSS_v4.0", "SOC2",
              "NIST_800_53_r5", "ISO_27001_2022", "GDPR"}  # fmt: skip


def test_builtin_pack_meets_the_contract(opa_bin: Path) -> None:
    report = lint(opa=opa_bin)
    assert report.problems == []
    assert report.checks >= 15


def test_builtin_pack_covers_the_required_services(opa_bin: Path) -> None:
    catalog = load_catalog([rego_dir()], opa_bin)
    services = {p.package.split(".")[3] for p in catalog.policies}
    assert {"iam", "s3", "ec2", "rds", "cloudtrail", "kms"} <= services
    assert any(p.resource_type == "aws_ebs_volume" or "ebs" in p.package for p in catalog.policies)
    ids = [p.id for p in catalog.policies]
    assert len(ids) == len(set(ids))
    for policy in catalog.policies:
        assert default_store().has_resource_type(policy.resource_type)
        assert {c.framework for c in policy.compliance} <= FRAMEWORKS
        assert policy.reads, f"{policy.id} reads no config field"


def test_every_mapping_names_a_control_in_the_framework_catalog(opa_bin: Path) -> None:
    catalog = load_catalog([rego_dir()], opa_bin)
    for policy in catalog.policies:
        for ref in policy.compliance:
            control = framework(ref.framework).control(ref.control)
            assert control is not None, (policy.id, ref.framework, ref.control)


def test_reads_and_depends_on_come_from_the_rego(tmp_path: Path, opa_bin: Path) -> None:
    text = TAG_CHECK.replace(
        "not bucket.tags.Owner",
        'not bucket.tags.Owner\n\tbucket.config.versioning.status == "Enabled"\n'
        "\tsome _, key in input.resources.aws_kms_key\n\tkey.config.rotation_enabled",
    )
    write_policy(tmp_path, "p/check.rego", text)
    catalog = load_catalog([rego_dir(), tmp_path / "p"], opa_bin)
    policy = catalog.get("ACME-S3-001")
    assert policy.reads == {"versioning", "rotation_enabled"}
    assert policy.depends_on == {"aws_s3_bucket", "aws_kms_key"}
    assert policy.severity is Severity.LOW


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("#   id: ACME-S3-001\n", ""), "'id' is required"),
        (lambda t: t.replace("SOC2:", "ISO27001:"), "ISO27001"),
        (lambda t: t.replace("severity: LOW", "severity: SCARY"), "SCARY"),
        (lambda t: t.replace("aws_s3_bucket\n#   remediation", "aws_teleporter\n#   remediation"),
         "'aws_teleporter' has no schema"),
        (lambda t: t.split("package ", 1)[0].replace("# METADATA", "# no metadata") + "package "
         + t.split("package ", 1)[1], "has no METADATA"),
        (lambda t: t.replace("aws.acme.owner_tag", "aws.owner_tag"), "is not cspm.checks"),
    ],
)  # fmt: skip
def test_contract_violations_name_the_file(
    tmp_path: Path, opa_bin: Path, edit: object, message: str
) -> None:
    path = write_policy(tmp_path, "p/check.rego", edit(TAG_CHECK))  # type: ignore[operator]
    with pytest.raises(PolicyError) as info:
        load_catalog([rego_dir(), tmp_path / "p"], opa_bin)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_clash_with_builtin_names_both_files(tmp_path: Path, opa_bin: Path) -> None:
    clash = TAG_CHECK.replace("ACME-S3-001", "AWS-S3-001")
    path = write_policy(tmp_path, "p/check.rego", clash)
    with pytest.raises(PolicyError) as info:
        load_catalog([rego_dir(), tmp_path / "p"], opa_bin)
    text = str(info.value)
    assert "policy id AWS-S3-001 is already declared" in text
    assert str(path) in text and "deny_http.rego" in text


def test_lint_flags_a_field_the_schema_lacks(tmp_path: Path, opa_bin: Path) -> None:
    text = TAG_CHECK.replace("not bucket.tags.Owner", "not bucket.config.versionning")
    path = write_policy(tmp_path, "p/check.rego", text)
    report = lint([tmp_path / "p"], opa_bin)
    joined = "\n".join(report.problems)
    assert f"{path}:15" in joined
    assert "undefined ref" in joined and "versionning" in joined


def test_lint_requires_passing_and_failing_test_cases(tmp_path: Path, opa_bin: Path) -> None:
    write_policy(tmp_path, "p/check.rego", TAG_CHECK)
    write_policy(
        tmp_path,
        "p/check_test.rego",
        "package cspm.checks.aws.acme.owner_tag_test\n\n"
        "import data.cspm.checks.aws.acme.owner_tag\n\n"
        "test_pass_owner if {\n\tcount(owner_tag.deny) == 0 with input as {}\n}\n",
    )
    report = lint([tmp_path / "p"], opa_bin)
    assert any("ACME-S3-001 has no test_fail_* case" in p for p in report.problems)


def test_lint_flags_unformatted_rego(tmp_path: Path, opa_bin: Path) -> None:
    path = write_policy(tmp_path, "p/check.rego", TAG_CHECK.replace("\tsome id", "   some   id"))
    report = lint([tmp_path / "p"], opa_bin)
    assert any(p.startswith(f"{path}: not formatted") for p in report.problems)


def test_reads_follow_imported_helper_packages(tmp_path: Path, opa_bin: Path) -> None:
    write_policy(tmp_path, "p/lib/acme.rego", (
        "package cspm.lib.acme\n\nimport data.cspm.lib.net\n\n"
        "versioned(bucket) if bucket.config.versioning.status == \"Enabled\"\n"
    ))  # fmt: skip
    text = TAG_CHECK.replace(
        "package cspm.checks.aws.acme.owner_tag\n",
        "package cspm.checks.aws.acme.owner_tag\n\nimport data.cspm.lib.acme\n",
    ).replace("not bucket.tags.Owner", "not acme.versioned(bucket)")
    write_policy(tmp_path, "p/check.rego", text)
    catalog = load_catalog([rego_dir(), tmp_path / "p"], opa_bin)
    policy = catalog.get("ACME-S3-001")
    # The field is read only inside the helper, yet counts; so does what net reads (none).
    assert policy.reads == {"versioning"}
    assert policy.depends_on == {"aws_s3_bucket"}
