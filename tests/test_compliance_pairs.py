"""Compliance over (account, control) pairs, beside the strict all-accounts figure, with the
mapped-and-passing share, per-account lines, and the scope deciding who counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cspm_opa import (
    ComplianceRef,
    ConfigError,
    Policy,
    ResourceRef,
    Severity,
    Status,
    snapshot_from_dict,
)
from cspm_opa import evaluate as evaluate_snapshots
from cspm_opa.cli import main
from cspm_opa.compliance import compliance_summary
from cspm_opa.compliance.catalogs import framework
from cspm_opa.engine.catalog import Catalog
from cspm_opa.engine.local import LocalOpa
from cspm_opa.model import Finding, finding_uid
from cspm_opa.report import render_html, render_markdown, render_text
from cspm_opa.result import assess, build_scan_result
from cspm_opa.schemas import default_store
from cspm_opa.scope import AccountProfile, load_scope
from cspm_opa.testing import builders as b

PROD, SANDBOX = "111111111111", "222222222222"

# Five SOC 2 criteria, one check each; P-AZ maps CC6.1 for Azure accounts only.
SOC2_CHECKS = {"P-1": "CC6.1", "P-2": "CC6.6", "P-3": "CC6.7", "P-4": "CC7.2", "P-5": "CC8.1"}

SCOPE = """\
organization: Pairs
accounts:
  - match: {id: "111111111111"}
    environment: production
    compliance: [SOC2, PCI_DSS_v4.0]
  - match: {id: "222222222222"}
    environment: sandbox
    compliance: [SOC2]
"""


def _policy(pid: str, *refs: tuple[str, str], provider: str = "aws") -> Policy:
    return Policy(
        id=pid, title=pid, description="d", severity=Severity.HIGH, resource_type="aws_s3_bucket",
        remediation="r", package=f"cspm.checks.{provider}.x.{pid.lower().replace('-', '_')}",
        file="f.rego", compliance=tuple(ComplianceRef(f, c) for f, c in refs),
    )  # fmt: skip


POLICIES = [
    *(_policy(pid, ("SOC2", control)) for pid, control in SOC2_CHECKS.items()),
    _policy("P-PCI", ("PCI_DSS_v4.0", "4.2.1")),
    _policy("P-AZ", ("SOC2", "CC6.2"), provider="azure"),
]


def _finding(pid: str, status: Status, account: str, n: int = 0) -> Finding:
    ref = ResourceRef(id=f"{pid}-{account}-{n}", type="aws_s3_bucket", provider="aws",
                      account=account, name=f"{pid}-{n}")  # fmt: skip
    uid = finding_uid("aws", account, pid, ref.id)
    return Finding(uid=uid, policy_id=pid, title=pid, severity=Severity.HIGH,
                   status=status, message="", remediation="", resource=ref)  # fmt: skip


def _results(sandbox: dict[str, Status]) -> list[Finding]:
    """Every SOC 2 check passes twice in production; the sandbox gets ``sandbox``, PASS
    by default. The PCI check fails in the sandbox, which PCI's scope leaves out."""
    out = [_finding(pid, Status.PASS, PROD, n) for pid in SOC2_CHECKS for n in (0, 1)]
    out += [_finding(pid, sandbox.get(pid, Status.PASS), SANDBOX) for pid in SOC2_CHECKS]
    out += [_finding("P-PCI", Status.PASS, PROD), _finding("P-PCI", Status.FAIL, SANDBOX)]
    return out


def _result(tmp_path: Path, findings: list[Finding]) -> dict[str, Any]:
    (tmp_path / "scope.yaml").write_text(SCOPE)
    snaps = [
        snapshot_from_dict(b.snapshot(PROD, [], name="prod-payments")),
        snapshot_from_dict(b.snapshot(SANDBOX, [], name="dev-sandbox")),
    ]
    catalog = Catalog(policies=tuple(POLICIES), directories=())
    result = build_scan_result(snaps, findings, catalog, scope=load_scope(tmp_path / "scope.yaml"))
    assert list(default_store().issues("scan_result.json", result)) == []
    return result


def _plain(text: str) -> list[str]:
    """Report lines without Markdown bullets/emphasis or HTML tags."""
    import html
    import re

    text = html.unescape(re.sub(r"<(?:li|p)\b[^>]*>", "\n", text))
    text = re.sub(r"<[^>]+>", "", text)
    return [line.strip().lstrip("-").strip() for line in text.splitlines()]


def test_a_failing_sandbox_lowers_the_pair_figure_not_all_of_it(tmp_path: Path) -> None:
    result = _result(tmp_path, _results({"P-3": Status.FAIL}))
    soc2 = result["compliance"]["SOC2"]
    total = len(framework("SOC2").controls)
    # Strict, as before: CC6.7 fails somewhere, so 4 of 5 controls pass in every account.
    assert (soc2["passing"], soc2["assessed"], soc2["percent"]) == (4, 5, 80.0)
    # Pairs: production 5/5, the sandbox 4/5, so 9 of 10 (account, control) pairs.
    pairs = soc2["pairs"]
    assert (pairs["passing"], pairs["assessed"], pairs["percent"]) == (9, 10, 90.0)
    assert (pairs["failing"], pairs["unknown"], pairs["accounts"]) == (1, 0, 2)
    # CC6.2 is mapped to an Azure check only: MANUAL in these AWS accounts, not N/A.
    assert pairs["manual"] == 2 * (total - 5) and pairs["not_applicable"] == 0
    assert pairs["total"] == 2 * total
    prod, sandbox = soc2["accounts"][PROD], soc2["accounts"][SANDBOX]
    assert (prod["passing"], prod["assessed"], prod["percent"], prod["failing"]) == (5, 5, 100, 0)
    assert (sandbox["passing"], sandbox["assessed"], sandbox["percent"]) == (4, 5, 80.0)
    assert sandbox["failing"] == 1 and sandbox["mapped"] == 5
    # Mapped and passing: 9 PASS pairs over all 2 x total pairs; 5 controls have a check
    # of a cloud in scope (CC6.2's Azure check does not count in an AWS-only scope).
    assert soc2["mapped"] == {"controls": 5, "total": total, "passing": 9, "pairs": 2 * total,
                              "percent": round(100 * 9 / (2 * total), 1)}  # fmt: skip
    mapped_pct = f"{100 * 9 / (2 * total):.0f}%"
    text = render_text(result)
    assert "  SOC 2: 90% compliant (9/10 controls passing) · every account: 80% (4/5)\n" in text
    assert (
        f"    SOC 2: {mapped_pct} controls mapped and passing · 5/{total} controls mapped "
        "to automated checks\n      prod-payments: 100% (5/5 passing)\n"
    ) in text
    assert "      dev-sandbox: 80% (4/5 passing)\n" in text
    for rendered in (render_markdown(result), render_html(result)):
        lines = _plain(rendered)
        assert "SOC 2: 90% compliant (9/10 controls passing) · every account: 80% (4/5)" in lines
        assert "dev-sandbox: 80% (4/5 passing)" in lines
        assert "prod-payments: 100% (5/5 passing)" in lines
        assert (
            f"SOC 2: {mapped_pct} controls mapped and passing · 5/{total} controls mapped "
            "to automated checks"
        ) in lines


def test_the_scope_leaves_an_account_out_of_a_framework(tmp_path: Path) -> None:
    result = _result(tmp_path, _results({}))
    pci = result["compliance"]["PCI_DSS_v4.0"]
    # PCI is in production's scope only: the sandbox's failing PCI check counts nowhere.
    assert list(pci["accounts"]) == [PROD]
    pairs = pci["pairs"]
    assert (pairs["passing"], pairs["assessed"], pairs["accounts"]) == (1, 1, 1)
    assert {c["id"]: c["status"] for c in pci["controls"]}["4.2.1"] == "PASS"
    assert (pci["passing"], pci["assessed"]) == (1, 1)
    text = render_text(result)
    headline = "PCI DSS v4.0: 100% compliant (1/1 controls passing) · every account: 100% (1/1)"
    assert f"  {headline}\n" in text
    pci_block = text.split("PCI DSS v4.0: 100%")[1].split("SOC 2:")[0]
    assert "dev-sandbox" not in pci_block and "prod-payments" not in pci_block  # one account
    # A framework the provider does not run on contributes nothing: CIS Azure in AWS scope.
    profiles = [AccountProfile("aws", PROD, "prod", compliance=("CIS_Azure_v4.0", "SOC2"))]
    out = compliance_summary(POLICIES, _results({}), profiles)
    assert set(out) == {"SOC2"} and list(out["SOC2"]["accounts"]) == [PROD]


def test_unknown_pairs_count_in_the_denominator_and_are_shown(tmp_path: Path) -> None:
    findings = _results({"P-4": Status.UNKNOWN, "P-3": Status.WAIVED})
    # A second result of P-5 in the sandbox is UNKNOWN beside a PASS: the pair is UNKNOWN.
    findings.append(_finding("P-5", Status.UNKNOWN, SANDBOX, 1))
    result = _result(tmp_path, findings)
    soc2 = result["compliance"]["SOC2"]
    sandbox = soc2["accounts"][SANDBOX]
    # CC6.7 is waived (passing); CC7.2 and CC8.1 are UNKNOWN: assessed, not passing.
    assert (sandbox["passing"], sandbox["assessed"], sandbox["unknown"]) == (3, 5, 2)
    assert (soc2["pairs"]["passing"], soc2["pairs"]["assessed"], soc2["pairs"]["unknown"]) == (
        8, 10, 2)  # fmt: skip
    assert {c["id"]: c["status"] for c in soc2["controls"]}["CC7.2"] == "UNKNOWN"
    assert soc2["mapped"]["passing"] == 8
    text = render_text(result)
    headline = "SOC 2: 80% compliant (8/10 controls passing) · 2 unknown · every account: 60% (3/5)"
    assert f"  {headline}\n" in text
    assert "      dev-sandbox: 60% (3/5 passing) · 2 unknown\n" in text


def test_a_mapped_check_with_nothing_to_check_is_not_passing() -> None:
    # P-1 and P-2 have results; P-3 .. P-5 found nothing in the account: N/A, not passing.
    findings = [_finding("P-1", Status.PASS, PROD), _finding("P-2", Status.FAIL, PROD)]
    profiles = [AccountProfile("aws", PROD, "prod", compliance=("SOC2",))]
    soc2 = compliance_summary(POLICIES, findings, profiles)["SOC2"]
    total = len(framework("SOC2").controls)
    assert soc2["pairs"]["not_applicable"] == 3 and soc2["pairs"]["assessed"] == 2
    assert soc2["pairs"]["percent"] == 50.0
    assert soc2["mapped"]["passing"] == 1
    assert soc2["mapped"]["percent"] == round(100 / total, 1)


def test_a_framework_without_a_catalog_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "scope.yaml"
    path.write_text(SCOPE.replace("[SOC2]", "[SOC2, NIST_800_53_r9]"))
    with pytest.raises(ConfigError) as info:
        load_scope(path)
    assert f"{path}:8: accounts[1].compliance[1]: no catalog for framework 'NIST_800_53_r9'" in str(
        info.value
    )
    profiles = [AccountProfile("aws", PROD, "prod-payments", compliance=("ISO_9999",))]
    with pytest.raises(ConfigError, match="'ISO_9999' is in the scope of prod-payments"):
        compliance_summary(POLICIES, [], profiles)


def test_a_result_written_before_the_pair_figures_still_renders(tmp_path: Path) -> None:
    result = _result(tmp_path, _results({"P-3": Status.FAIL}))
    for fw in result["compliance"].values():
        del fw["pairs"], fw["mapped"]
        for tally in fw["accounts"].values():
            for key in list(tally):
                if key not in ("passing", "assessed", "percent"):
                    del tally[key]
    assert list(default_store().issues("scan_result.json", result)) == []
    text = render_text(result)
    assert "  SOC 2: 80% compliant (4/5 controls passing)\n" in text
    assert "controls mapped and passing" not in text and "every account" not in text


def test_end_to_end_on_opa_a_sandbox_failure_moves_only_its_own_pairs(
    tmp_path: Path, engine: LocalOpa
) -> None:
    """Two AWS accounts built alike, except the sandbox's bucket allows plain HTTP."""
    prod = [*b.account_baseline(PROD, name="prod-payments"), b.s3_bucket("prod-data", PROD)]
    sandbox = [*b.account_baseline(SANDBOX, name="dev-sandbox"),
               b.s3_bucket("dev-data", SANDBOX, config={"policy": None})]  # fmt: skip
    snaps = [
        snapshot_from_dict(b.snapshot(PROD, prod, name="prod-payments")),
        snapshot_from_dict(b.snapshot(SANDBOX, sandbox, name="dev-sandbox")),
    ]
    (tmp_path / "scope.yaml").write_text(
        SCOPE.replace("[SOC2]", "[CIS_AWS_v5.0, SOC2]").replace(
            "[SOC2, PCI_DSS_v4.0]", "[CIS_AWS_v5.0, SOC2, PCI_DSS_v4.0]"
        )
    )
    findings = evaluate_snapshots(snaps, engine)
    fails = {(f.resource.account, f.policy_id) for f in findings if f.status is Status.FAIL}
    assert (SANDBOX, "AWS-S3-001") in fails and (PROD, "AWS-S3-001") not in fails
    scope = load_scope(tmp_path / "scope.yaml")
    result = assess(snaps, findings, engine.catalog, scope=scope).result
    assert list(default_store().issues("scan_result.json", result)) == []
    text = render_text(result)
    for key in ("CIS_AWS_v5.0", "SOC2"):
        fw = result["compliance"][key]
        hit = [c for c in fw["controls"] if "AWS-S3-001" in c["policies"]]
        assert hit and all(c["status"] == "FAIL" for c in hit), key
        p, s = fw["accounts"][PROD], fw["accounts"][SANDBOX]
        n = len(hit)
        assert (s["passing"], s["failing"], s["assessed"]) == (
            p["passing"] - n, p["failing"] + n, p["assessed"]), key  # fmt: skip
        pairs = fw["pairs"]
        assert (pairs["passing"], pairs["assessed"]) == (
            p["passing"] + s["passing"], 2 * p["assessed"]), key  # fmt: skip
        assert (fw["passing"], fw["assessed"]) == (p["passing"] - n, p["assessed"]), key
        label = fw["label"]
        pct = f"{100 * pairs['passing'] / pairs['assessed']:.0f}%"
        strict = f"{100 * fw['passing'] / fw['assessed']:.0f}%"
        assert (
            f"{label}: {pct} compliant ({pairs['passing']}/{pairs['assessed']} controls passing)"
            f" · every account: {strict} ({fw['passing']}/{fw['assessed']})"
        ) in text, key
        own = f"prod-payments: {p['percent']:.0f}% ({p['passing']}/{p['assessed']} passing)"
        assert own in text, key
    pci = result["compliance"]["PCI_DSS_v4.0"]
    assert list(pci["accounts"]) == [PROD]  # the sandbox is out of PCI's scope
    assert pci["pairs"]["failing"] == pci["accounts"][PROD]["failing"]


def test_the_cli_refuses_a_scope_naming_a_framework_without_a_catalog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scope = tmp_path / "scope.yaml"
    scope.write_text(SCOPE.replace("[SOC2, PCI_DSS_v4.0]", "[SOC2, GDPR, HIPAA]"))
    snap = tmp_path / "snap.json"
    snap.write_text(json.dumps(b.snapshot(PROD, [], name="prod-payments")))
    assert main(["inventory", "--scope", str(scope), str(snap)]) == 2
    err = capsys.readouterr().err
    assert f"{scope}:5: accounts[0].compliance[2]: no catalog for framework 'HIPAA'" in err
    assert "GDPR" in err.split("known:")[1]  # the keys that do exist are listed
