"""The AWS pack as a whole: CIS AWS v5.0 coverage, mappings, and builders that pass it."""

from __future__ import annotations

import json
from pathlib import Path

from cspm_opa import LocalOpa, evaluate, snapshot_from_dict
from cspm_opa._paths import rego_dir
from cspm_opa.model import Status
from cspm_opa.schemas import default_store
from cspm_opa.testing import builders as b

DATA = Path(__file__).resolve().parents[2] / "cspm_opa" / "compliance" / "data"

# Recommendations with no check, and why (kept in step with the catalog by the test).
NOT_CHECKED = {
    "1.1": "manual: whether the account's contact details are current is not in any API",
    "1.20": "manual: whether people sign in through federation is an organizational choice",
    "2.1.3": "manual: data discovery and classification (Macie) needs a person's judgement",
}


# A Multi-AZ DB cluster of plain PostgreSQL: the cluster checks that skip Aurora judge it.
MULTI_AZ_PG = {
    "engine": "postgres",
    "publicly_accessible": False,
    "auto_minor_version_upgrade": True,
}


def _controls(framework: str) -> list[dict[str, str]]:
    return list(json.loads((DATA / f"{framework}.json").read_text())["controls"])


def test_every_cis_aws_recommendation_has_a_check_or_a_reason(engine: LocalOpa) -> None:
    mapped = {
        c.control
        for p in engine.catalog.policies
        for c in p.compliance
        if c.framework == "CIS_AWS_v5.0"
    }
    controls = _controls("CIS_AWS_v5.0")
    automated = {c["id"] for c in controls if c["assessment"] == "automated"}
    assert automated <= mapped  # every automated recommendation is checked
    assert {c["id"] for c in controls} - mapped == set(NOT_CHECKED)


def test_mappings_name_controls_of_the_frameworks(engine: LocalOpa) -> None:
    frameworks = (
        "PCI_DSS_v4.0",
        "SOC2",
        "CIS_AWS_v5.0",
        "NIST_800_53_r5",
        "ISO_27001_2022",
        "GDPR",
    )
    known = {f: {c["id"] for c in _controls(f)} for f in frameworks}
    for policy in engine.catalog.policies:
        if policy.provider != "aws":
            continue
        for ref in policy.compliance:
            assert ref.control in known[ref.framework], (policy.id, ref)


def test_every_aws_schema_has_a_builder_and_validates() -> None:
    docs = [
        *b.account_baseline(b.DEFAULT_ACCOUNT, ("us-east-1", "eu-west-1")),
        b.iam_user(), b.iam_role(), b.iam_group(), b.iam_policy(), b.iam_server_certificate(),
        b.s3_bucket(), b.instance(), b.security_group(), b.security_group("default"),
        b.network_acl(), b.vpc(), b.subnet(), b.route_table(), b.internet_gateway(),
        b.ebs_volume(), b.ebs_snapshot(), b.db_instance(), b.db_cluster(), b.db_snapshot(),
        b.efs_file_system(), b.kms_key(), b.load_balancer(), b.lambda_function(),
        b.network_interface(), b.eip(), b.lb_target_group(), b.log_group(),
    ]  # fmt: skip
    snap = b.snapshot(b.DEFAULT_ACCOUNT, docs)
    snapshot_from_dict(snap)
    aws_types = {t for t in default_store().resource_types() if t.startswith("aws_")}
    assert set(snap["resources"]) == aws_types


def test_builders_pass_every_aws_check(engine: LocalOpa) -> None:
    """The builders' promise: compliant by default, so a test breaks only what it says."""
    docs = [
        *b.account_baseline(),
        b.iam_user(), b.iam_role(), b.iam_group(), b.iam_policy(), b.iam_server_certificate(),
        b.s3_bucket(), b.s3_bucket(f"cloudtrail-{b.DEFAULT_ACCOUNT}"), b.instance(),
        b.security_group(), b.security_group("default"), b.network_acl(), b.vpc(), b.subnet(),
        b.route_table(), b.internet_gateway(), b.ebs_volume(), b.ebs_snapshot(),
        b.db_instance(), b.db_cluster(), b.db_cluster("orders-pg", config=MULTI_AZ_PG),
        b.db_snapshot(), b.efs_file_system(), b.kms_key(),
        b.load_balancer(), b.lambda_function(), b.network_interface(), b.eip(),
        b.lb_target_group(), b.log_group(),
    ]  # fmt: skip
    findings = evaluate([snapshot_from_dict(b.snapshot(b.DEFAULT_ACCOUNT, docs))], engine)
    assert {(f.policy_id, f.status) for f in findings if f.status is not Status.PASS} == set()
    judged = {f.policy_id for f in findings}
    assert judged == {p.id for p in engine.catalog.policies if p.provider == "aws"}


def test_rego_fixtures_use_the_builders_filter_patterns() -> None:
    """The CIS section 4 patterns live in Python (builders, the moto estate) and in the
    Rego test fixtures; they must not drift apart."""
    fixtures = (rego_dir().parent / "rego_tests/lib/aws/monitoring_fixtures_test.rego").read_text()
    for control, pattern in b.CIS_METRIC_FILTER_PATTERNS.items():
        assert f'"{control}": `{pattern}`' in fixtures, control


def test_cis_5_1_1_fails_on_an_unencrypted_volume_even_with_the_default_on(
    engine: LocalOpa,
) -> None:
    """5.1.1 is evidenced twice, as Prowler does: the region default (new volumes) and each
    volume (the ones made before it was on). Either failing fails the control."""
    from cspm_opa.compliance import compliance_summary
    from cspm_opa.scope import AccountProfile

    cis = [(p.id, c) for p in engine.catalog.policies for c in p.compliance]
    ids = {pid for pid, c in cis if (c.framework, c.control) == ("CIS_AWS_v5.0", "5.1.1")}
    assert ids == {"AWS-EBS-001", "AWS-EBS-002"}
    profile = AccountProfile("aws", b.DEFAULT_ACCOUNT, "a", compliance=("CIS_AWS_v5.0",))

    def status(*docs: dict[str, object]) -> str:
        snap = snapshot_from_dict(b.snapshot(b.DEFAULT_ACCOUNT, [b.region_settings(), *docs]))
        summary = compliance_summary(engine.catalog.policies, evaluate([snap], engine), [profile])
        (row,) = [r for r in summary["CIS_AWS_v5.0"]["controls"] if r["id"] == "5.1.1"]
        return str(row["status"])

    assert status(b.ebs_volume()) == "PASS"
    assert status(b.ebs_volume(config={"encrypted": False})) == "FAIL"
