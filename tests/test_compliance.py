"""Control status per framework and account, and the posture score."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cspm_opa import ComplianceRef, Policy, ResourceRef, Severity, Status
from cspm_opa.compliance import compliance_summary, posture_score
from cspm_opa.compliance.catalogs import framework, framework_keys
from cspm_opa.model import Finding
from cspm_opa.scope import AccountProfile

REPO = Path(__file__).resolve().parents[1]


def _policy(pid: str, *refs: tuple[str, str], severity: Severity = Severity.HIGH) -> Policy:
    return Policy(
        id=pid, title=pid, description="d", severity=severity, resource_type="aws_s3_bucket",
        remediation="r", package=f"cspm.checks.aws.x.{pid.lower().replace('-', '_')}",
        file="f.rego", compliance=tuple(ComplianceRef(f, c) for f, c in refs),
    )  # fmt: skip


def _finding(pid: str, status: Status, account: str, severity: Severity = Severity.HIGH) -> Finding:
    ref = ResourceRef(id=f"{pid}-{account}", type="aws_s3_bucket", provider="aws", account=account)
    return Finding(uid="u", policy_id=pid, title=pid, severity=severity, status=status,
                   message="", remediation="", resource=ref)  # fmt: skip


def _profile(account: str, *frameworks: str, criticality: str = "medium") -> AccountProfile:
    return AccountProfile(provider="aws", account=account, name=account,
                          compliance=frameworks, criticality=criticality)  # fmt: skip


POLICIES = [
    _policy("P-A", ("CIS_AWS_v5.0", "1.3")),
    _policy("P-B", ("CIS_AWS_v5.0", "1.4")),
    _policy("P-C", ("CIS_AWS_v5.0", "2.1.1"), ("PCI_DSS_v4.0", "4.2.1")),
    _policy("P-D", ("CIS_AWS_v5.0", "3.2")),
]


def test_control_statuses_and_percentages() -> None:
    findings = [
        _finding("P-A", Status.PASS, "a1"),
        _finding("P-B", Status.FAIL, "a1"),
        _finding("P-B", Status.PASS, "a2"),
        _finding("P-C", Status.UNKNOWN, "a1"),
        _finding("P-C", Status.WAIVED, "a2"),
    ]
    profiles = [_profile("a1", "CIS_AWS_v5.0", "PCI_DSS_v4.0"), _profile("a2", "CIS_AWS_v5.0")]
    out = compliance_summary(POLICIES, findings, profiles)
    cis = out["CIS_AWS_v5.0"]
    status = {c["id"]: c["status"] for c in cis["controls"]}
    assert status["1.3"] == "PASS"
    assert status["1.4"] == "FAIL"
    assert status["2.1.1"] == "UNKNOWN"
    assert status["3.2"] == "NOT_APPLICABLE"  # a check exists, nothing in scope was checked
    assert status["1.1"] == "MANUAL"  # no check covers it
    assert len(cis["controls"]) == cis["total"] == len(framework("CIS_AWS_v5.0").controls)
    assert (cis["passing"], cis["assessed"], cis["percent"]) == (1, 3, 33.3)
    assert cis["manual"] == cis["total"] - 4 and cis["not_applicable"] == 1
    # Per account: a2's waived result counts as passing, a1 has the failure.
    a1, a2 = cis["accounts"]["a1"], cis["accounts"]["a2"]
    assert (a1["passing"], a1["assessed"], a1["percent"]) == (1, 3, 33.3)
    assert (a2["passing"], a2["assessed"], a2["percent"]) == (2, 2, 100.0)
    assert (a1["failing"], a1["unknown"], a2["failing"], a2["unknown"]) == (1, 1, 0, 0)
    # Over (account, control) pairs: 3 of a1's and a2's 5 assessed pairs pass.
    assert (cis["pairs"]["passing"], cis["pairs"]["assessed"], cis["pairs"]["percent"]) == (
        3, 5, 60.0)  # fmt: skip
    # PCI applies to a1 only; a2's results do not count towards it.
    pci = {c["id"]: c["status"] for c in out["PCI_DSS_v4.0"]["controls"]}
    assert pci["4.2.1"] == "UNKNOWN"
    assert set(out["PCI_DSS_v4.0"]["accounts"]) == {"a1"}
    assert "SOC2" not in out


def _exposed(f: Finding) -> Finding:
    factors = {"exposure": "internet"}
    return dataclasses.replace(f, priority={"level": "HIGH", "score": 80, "factors": factors})


def test_posture_score_counts_checks_not_results() -> None:
    findings = [
        *[_finding("P-A", Status.PASS, "prod") for _ in range(8)],
        *[_finding("P-B", Status.PASS, "prod") for _ in range(8)],
        _finding("P-B", Status.FAIL, "prod"),
        _exposed(_finding("P-B", Status.FAIL, "prod")),
        _finding("P-C", Status.FAIL, "prod", Severity.CRITICAL),
    ]
    # The worked example of docs/scoring.md: (5 * 1 + 5 * 8/12 + 10 * 0) / 20 = 41.7
    assert posture_score(findings) == 42
    assert posture_score(findings, {"prod": "critical"}) == 42  # one account: weights cancel
    # a thousand more passing results of check A change nothing: A already passes
    more = findings + [_finding("P-A", Status.PASS, "prod") for _ in range(1000)]
    assert posture_score(more) == 42
    dev = _finding("P-D", Status.FAIL, "dev", Severity.HIGH)
    # prod weighs (5+5+10)*4 = 80 at 41.7; dev 5*1 = 5 at 0
    assert posture_score([*findings, dev], {"prod": "critical", "dev": "low"}) == round(
        41.667 * 80 / 85
    )
    assert posture_score([]) is None
    assert posture_score([_finding("P-A", Status.FAIL, "x", Severity.INFO)]) is None


def test_attack_paths_cap_the_account_however_much_passes() -> None:
    passing = [_finding(f"P-{i % 40}", Status.PASS, "prod", Severity.CRITICAL) for i in range(1000)]
    assert posture_score(passing) == 100
    certain = {"confidence": "certain", "risk": "CRITICAL", "accounts": ["prod"]}
    assert posture_score(passing, paths=[certain]) == 60
    assert posture_score(passing, paths=[{**certain, "risk": "HIGH"}]) == 70
    assert posture_score(passing, paths=[{**certain, "confidence": "possible"}]) == 85
    elsewhere = {**certain, "accounts": ["dev"]}
    assert posture_score(passing, paths=[elsewhere]) == 100
    critical_fail = dataclasses.replace(
        _finding("P-X", Status.FAIL, "prod"), priority={"level": "CRITICAL", "score": 95}
    )
    assert posture_score([*passing, critical_fail]) <= 70


def test_worked_example_in_the_docs_matches_the_formula() -> None:
    text = (REPO / "docs" / "scoring.md").read_text()
    assert "100 * 8.33 / 20 = 41.7" in text and "round(41.7) = 42" in text


@pytest.mark.parametrize("key", framework_keys())
def test_catalogs_have_unique_ids_and_titles(key: str) -> None:
    fw = framework(key)
    ids = [c.id for c in fw.controls]
    assert len(ids) == len(set(ids)) and all(c.title for c in fw.controls)


def test_catalog_sizes() -> None:
    sizes = {k: len(framework(k).controls) for k in framework_keys()}
    assert sizes == {"CIS_AWS_v5.0": 63, "CIS_Azure_v4.0": 139, "CIS_GCP_v4.0": 84,
                     "PCI_DSS_v4.0": 110, "SOC2": 28, "NIST_800_53_r5": 287,
                     "ISO_27001_2022": 92, "GDPR": 3}  # fmt: skip
    assert sum(c.automated for c in framework("CIS_AWS_v5.0").controls) == 35
