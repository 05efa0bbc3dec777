"""The GCP pack against its contract: ids, file layout, and mappings that exist in the
framework catalogs, with every automated CIS GCP v4.0 recommendation covered."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cspm_opa import LocalOpa
from cspm_opa._paths import rego_dir
from cspm_opa.model import Policy

DATA = Path(__file__).resolve().parents[2] / "cspm_opa" / "compliance" / "data"
NOT_ASSESSABLE: set[str] = set()
"""Every automated recommendation has a check (2.15, Access Approval, is read from its
own API beside Cloud Asset Inventory)."""


def _controls(framework: str) -> dict[str, dict[str, str]]:
    doc = json.loads((DATA / f"{framework}.json").read_text(encoding="utf-8"))
    return {c["id"]: c for c in doc["controls"]}


def _gcp(engine: LocalOpa) -> list[Policy]:
    return [p for p in engine.catalog.policies if p.provider == "gcp"]


def test_ids_and_files_follow_the_convention(engine: LocalOpa) -> None:
    for policy in _gcp(engine):
        _, _, provider, service, name = policy.package.split(".")
        assert provider == "gcp"
        assert Path(policy.file) == rego_dir() / "gcp" / service / f"{name}.rego"
        assert re.fullmatch(rf"GCP-{service.upper()}-\d{{3}}", policy.id), policy.id
        assert policy.resource_type.startswith("google_")


OUTSIDE_CIS = {"GCP-ARTIFACTS-001", "GCP-GEMINI-001"}
"""Checks written for PCI DSS, SOC 2 and ISO 27001 evidence that no CIS GCP v4.0
recommendation asks for (image vulnerability scanning, Gemini for Google Cloud)."""


def test_mappings_name_controls_that_exist(engine: LocalOpa) -> None:
    names = [p.stem for p in DATA.glob("*.json") if not p.stem.startswith("CIS_")]
    catalogs = {fw: _controls(fw) for fw in ["CIS_GCP_v4.0", *names]}
    for policy in _gcp(engine):
        frameworks = {c.framework for c in policy.compliance}
        assert ("CIS_GCP_v4.0" in frameworks) != (policy.id in OUTSIDE_CIS), policy.id
        assert frameworks - {"CIS_GCP_v4.0"}, policy.id
        for ref in policy.compliance:
            assert ref.control in catalogs[ref.framework], (policy.id, ref)
            if ref.framework == "CIS_GCP_v4.0":
                assert catalogs[ref.framework][ref.control]["assessment"] == "automated", policy.id


def test_every_assessable_automated_recommendation_has_a_check(engine: LocalOpa) -> None:
    automated = {
        cid for cid, c in _controls("CIS_GCP_v4.0").items() if c["assessment"] == "automated"
    }
    covered = {
        c.control for p in _gcp(engine) for c in p.compliance if c.framework == "CIS_GCP_v4.0"
    }
    assert automated - covered == NOT_ASSESSABLE
    assert len(_gcp(engine)) >= 45
