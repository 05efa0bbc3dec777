"""The Azure pack as a whole: the builders' documents pass every check, every CIS Azure
v4.0 automated recommendation is covered (77 of 77), and mappings name controls that
exist."""

from __future__ import annotations

import json
from pathlib import Path

from cspm_opa import LocalOpa, Status, evaluate, snapshot_from_dict
from cspm_opa.testing import azure_builders as ab

DATA = Path(__file__).resolve().parents[2] / "cspm_opa" / "compliance" / "data"

# Automated recommendations without a check: none since the Microsoft Graph collector
# (section 6) and Defender's system-updates assessments (9.1.10).
WITHOUT_CHECK: dict[str, str] = {}


def _controls(name: str) -> dict[str, dict[str, str]]:
    doc = json.loads((DATA / f"{name}.json").read_text())
    return {c["id"]: c for c in doc["controls"]}


def test_builder_documents_pass_every_azure_check(engine: LocalOpa) -> None:
    sub = ab.DEFAULT_SUBSCRIPTION
    nsg = ab.network_security_group()
    vnet = ab.arm_id(sub, "network", "Microsoft.Network/virtualNetworks", "vnet")
    # Access-policy vaults are where the non-RBAC expiry checks apply; such a vault
    # fails the RBAC check and nothing else.
    legacy = ab.key_vault("kv-legacy", config={"enable_rbac_authorization": False})
    docs = [
        *ab.subscription_baseline(sub),
        ab.storage_account(),
        ab.key_vault(),
        legacy,
        nsg,
        ab.flow_log(nsg["id"], "fl-nsg"),
        ab.flow_log(vnet, "fl-vnet"),
        ab.mssql_server(),
        ab.mssql_database(),
        ab.app_service(),
        ab.virtual_machine(),
        ab.network_interface(),
        ab.public_ip(),
        ab.managed_disk(),
        ab.role_assignment(),
        ab.role_definition(),
        ab.databricks_workspace(),
    ]
    findings = evaluate([snapshot_from_dict(ab.snapshot(sub, docs))], engine)
    azure_checks = {p.id for p in engine.catalog.policies if p.provider == "azure"}
    assert {f.policy_id for f in findings} == azure_checks
    assert [(f.policy_id, f.resource.id) for f in findings if f.status is not Status.PASS] == [
        ("AZURE-KEYVAULT-006", legacy["id"])
    ]


def test_overrides_break_exactly_what_they_state(engine: LocalOpa) -> None:
    bad = ab.storage_account("stbad", config={"min_tls_version": "TLS1_0"})
    findings = evaluate([snapshot_from_dict(ab.snapshot(ab.DEFAULT_SUBSCRIPTION, [bad]))], engine)
    assert [f.policy_id for f in findings if f.status is Status.FAIL] == ["AZURE-STORAGE-002"]


def test_every_automated_cis_recommendation_has_a_check_or_a_reason(engine: LocalOpa) -> None:
    cis = _controls("CIS_Azure_v4.0")
    mapped = {
        c.control
        for p in engine.catalog.policies
        if p.provider == "azure"
        for c in p.compliance
        if c.framework == "CIS_Azure_v4.0"
    }
    automated = {cid for cid, c in cis.items() if c["assessment"] == "automated"}
    assert automated - mapped == set(WITHOUT_CHECK)
    assert mapped <= set(cis)


def test_mappings_name_controls_of_the_framework_catalogs(engine: LocalOpa) -> None:
    # CIS Azure and every cross-cloud framework (PCI DSS, SOC 2, NIST, ISO 27001, GDPR).
    names = [p.stem for p in DATA.glob("*.json") if not p.stem.startswith("CIS_")]
    known = {name: set(_controls(name)) for name in ["CIS_Azure_v4.0", *names]}
    for policy in engine.catalog.policies:
        if policy.provider != "azure":
            continue
        assert policy.id.startswith("AZURE-")
        for ref in policy.compliance:
            assert ref.control in known[ref.framework], (policy.id, ref)
