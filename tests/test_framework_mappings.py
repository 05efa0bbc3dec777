"""Every compliance mapping in the built-in pack, held against the framework catalogs.

- each METADATA mapping names a known framework and one of its controls;
- for PCI DSS, SOC 2, NIST 800-53, ISO 27001 and GDPR, on each cloud the framework applies
  to, every control has a check of that cloud or a written reason to review it by hand;
- the crosswalks the mappings were derived from (scripts/crosswalk/<cloud>.json) name our
  checks and Prowler's real check names;
- per framework and cloud, at least as many controls have automated evidence as Prowler maps.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cspm_opa import load_catalog
from cspm_opa._paths import rego_dir
from cspm_opa.compliance.catalogs import framework, framework_keys
from cspm_opa.compliance.coverage import (
    automated_controls,
    coverage,
    unexplained_controls,
)
from cspm_opa.engine.catalog import Catalog

REPO = Path(__file__).resolve().parents[1]
MAPPED = ("PCI_DSS_v4.0", "SOC2", "NIST_800_53_r5", "ISO_27001_2022", "GDPR")

COMPLETE = ("aws",)
"""Clouds whose mappings are finished: every check crosswalked, every control answered."""

AT_LEAST_PROWLER = {("SOC2", "aws"), ("GDPR", "aws")}
"""(framework, cloud) where we evidence at least as many controls as Prowler maps."""

FLOORS = {
    ("PCI_DSS_v4.0", "aws"): 93,
    ("NIST_800_53_r5", "aws"): 266,
    ("ISO_27001_2022", "aws"): 33,
}
"""Where we are below Prowler's count (PCI 105, NIST 287, ISO 37 on AWS: the rest needs
services that are not collected, each named in the control's manual reason), the count
must not fall."""

PROWLER_PCI_ROWS = {"aws": 84, "azure": 73, "gcp": 73}
PROWLER_SOC2 = {"aws": 27, "azure": 26, "gcp": 28}
"""The issue's figures: PCI requirements Prowler maps, counted on its own row ids (the
first three levels, so 10.2.1.1 and 10.2.1.2 count once, as 10.2.1), and SOC 2 criteria."""


@pytest.fixture(scope="module")
def catalog(opa_bin: Path) -> Catalog:
    return load_catalog([rego_dir()], opa_bin)


def test_every_mapping_names_a_known_framework_and_control(catalog: Catalog) -> None:
    keys = set(framework_keys())
    problems = []
    for policy in catalog.policies:
        for ref in policy.compliance:
            if ref.framework not in keys:
                problems.append(f"{policy.id}: unknown framework {ref.framework}")
            elif framework(ref.framework).control(ref.control) is None:
                problems.append(f"{policy.id}: {ref.framework} has no control {ref.control}")
            elif (fw := framework(ref.framework)).provider not in (None, policy.provider):
                problems.append(f"{policy.id}: {fw.key} is for {fw.provider} only")
    assert problems == []


@pytest.mark.parametrize("provider", COMPLETE)
@pytest.mark.parametrize("key", MAPPED)
def test_every_control_has_a_check_or_a_reason(catalog: Catalog, key: str, provider: str) -> None:
    assert provider in framework(key).providers
    assert unexplained_controls(catalog.policies, key, provider) == []


@pytest.mark.parametrize("provider", ["aws", "azure", "gcp"])
@pytest.mark.parametrize("key", MAPPED)
def test_no_reason_stands_beside_a_check(catalog: Catalog, key: str, provider: str) -> None:
    """A manual reason on a control that a check of that cloud evidences is stale."""
    done = automated_controls(catalog.policies, key, provider)
    stale = [c.id for c in framework(key).controls if c.id in done and c.manual_reason(provider)]
    assert stale == []


def _prowler_names() -> set[str]:
    return {
        name
        for key in framework_keys()
        for control in framework(key).controls
        for names in control.prowler_checks.values()
        for name in names
    }


@pytest.mark.parametrize("provider", ["aws", "azure", "gcp"])
def test_the_crosswalk_names_our_checks_and_prowler_checks(catalog: Catalog, provider: str) -> None:
    path = REPO / "scripts" / "crosswalk" / f"{provider}.json"
    if not path.is_file():
        assert provider not in COMPLETE, f"{path} is missing"
        return
    crosswalk = json.loads(path.read_text(encoding="utf-8"))
    ours = {p.id for p in catalog.policies if p.provider == provider}
    assert sorted(set(crosswalk) - ours) == []
    names = _prowler_names()
    assert sorted({n for v in crosswalk.values() for n in v} - names) == []
    if provider in COMPLETE:
        assert sorted(ours - set(crosswalk)) == []


def test_manual_reasons_are_one_line_on_clouds_the_framework_applies_to() -> None:
    for key in framework_keys():
        fw = framework(key)
        for control in fw.controls:
            for cloud, reason in control.manual.items():
                assert cloud in fw.providers, (key, control.id, cloud)
                assert reason.strip() and "\n" not in reason, (key, control.id)


def test_coverage_counts(catalog: Catalog) -> None:
    """The table docs/frameworks.md quotes (scripts/framework_coverage.py prints it)."""
    rows = {
        (key, cloud): coverage(catalog.policies, key, cloud)
        for key in MAPPED
        for cloud in framework(key).providers
    }
    for (key, cloud), row in rows.items():
        print(f"{key:<16}{cloud:<7}{row.automated:>4}/{row.controls:<4} prowler {row.prowler}")
        assert row.automated + row.manual <= row.controls
        assert row.automated == len(
            automated_controls(catalog.policies, key, cloud)
            & {c.id for c in framework(key).controls}
        )
    # Prowler's own figures as the issue gives them come out of the shared catalogs.
    assert {c: rows["SOC2", c].prowler for c in PROWLER_SOC2} == PROWLER_SOC2
    behind = {
        (key, cloud): (rows[key, cloud].automated, rows[key, cloud].prowler)
        for key, cloud in AT_LEAST_PROWLER
        if rows[key, cloud].automated < rows[key, cloud].prowler
    }
    assert behind == {}, "fewer automated controls than Prowler maps"
    fallen = {k: rows[k].automated for k, floor in FLOORS.items() if rows[k].automated < floor}
    assert fallen == {}
    assert rows["PCI_DSS_v4.0", "aws"].automated >= PROWLER_PCI_ROWS["aws"]


# --- Azure and GCP ---------------------------------------------------------------------
# Held by the Azure/GCP mapping (scripts/crosswalk/azure.json, gcp.json,
# nist_gdpr_equivalents.json and scripts/manual/azure.json, gcp.json).

CLOUDS_DONE = ("azure", "gcp")


@pytest.mark.parametrize("provider", CLOUDS_DONE)
def test_azure_and_gcp_are_complete_and_at_least_prowler(catalog: Catalog, provider: str) -> None:
    """Every check is crosswalked, every control of the five frameworks has a check of the
    cloud or a reason, and no framework has fewer automated controls than Prowler maps."""
    crosswalk = json.loads((REPO / "scripts" / "crosswalk" / f"{provider}.json").read_text())
    ours = {p.id for p in catalog.policies if p.provider == provider}
    assert sorted(ours - set(crosswalk)) == []
    unanswered = {key: unexplained_controls(catalog.policies, key, provider) for key in MAPPED}
    assert {key: ids for key, ids in unanswered.items() if ids} == {}
    rows = {key: coverage(catalog.policies, key, provider) for key in MAPPED}
    behind = {k: (r.automated, r.prowler) for k, r in rows.items() if r.automated < r.prowler}
    assert behind == {}
    assert rows["PCI_DSS_v4.0"].automated >= PROWLER_PCI_ROWS[provider]
    assert rows["SOC2"].automated >= PROWLER_SOC2[provider]
    # NIST 800-53 and GDPR have no Prowler mapping on these clouds; ours comes from the
    # AWS equivalents, and GDPR's three articles are all evidenced.
    assert rows["NIST_800_53_r5"].automated > rows["NIST_800_53_r5"].controls // 2
    assert rows["GDPR"].automated == rows["GDPR"].controls == 3


def test_nist_and_gdpr_follow_the_aws_equivalents(catalog: Catalog) -> None:
    """nist_gdpr_equivalents.json names AWS checks the NIST/GDPR rows list and our Azure/GCP
    checks; each of those checks maps every NIST/GDPR control its AWS equivalents evidence."""
    path = REPO / "scripts" / "crosswalk" / "nist_gdpr_equivalents.json"
    equivalents: dict[str, dict[str, list[str]]] = json.loads(path.read_text())
    aws_names = {
        name
        for key in ("NIST_800_53_r5", "GDPR")
        for c in framework(key).controls
        for name in c.prowler_checks.get("aws", ())
    }
    assert sorted(set(equivalents) - aws_names) == []
    by_id = {p.id: p for p in catalog.policies}
    missing = []
    for name, per_cloud in equivalents.items():
        assert set(per_cloud) == {"azure", "gcp"}, name
        for cloud, ids in per_cloud.items():
            for check_id in ids:
                policy = by_id.get(check_id)
                assert policy is not None and policy.provider == cloud, (name, check_id)
                mapped = {(r.framework, r.control) for r in policy.compliance}
                for key in ("NIST_800_53_r5", "GDPR"):
                    for c in framework(key).controls:
                        if name in c.prowler_checks.get("aws", ()) and (key, c.id) not in mapped:
                            missing.append((check_id, key, c.id))
    assert missing == []


@pytest.mark.parametrize("provider", COMPLETE)
def test_metadata_holds_everything_the_crosswalk_derives(provider: str) -> None:
    """Rerunning the derivation changes nothing: no mapping was lost by a hand edit, and no
    crosswalk entry was added without writing its controls into the METADATA."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "map_frameworks.py"), "--provider", provider,
         "--check"],
        capture_output=True, text=True, check=False, cwd=REPO,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 files would change" in proc.stdout
