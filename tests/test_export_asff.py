"""ASFF for AWS Security Hub: the document, botocore's model of it, and the import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from cspm_opa import LocalOpa, evaluate, snapshot_from_dict
from cspm_opa.cli import main
from cspm_opa.export.asff import MAX_REQUIREMENTS, asff_document, asff_problems
from cspm_opa.export.securityhub import BATCH_SIZE, import_result
from cspm_opa.result import assess
from cspm_opa.testing.estate import sample_estate
from cspm_opa.waivers import load_waivers
from tests.conftest import REPO


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    snaps = [snapshot_from_dict(d) for d in sample_estate()]
    with LocalOpa() as engine:
        findings = evaluate(snaps, engine)
        waivers = load_waivers(REPO / "tests" / "data" / "waivers.yaml")
        return assess(snaps, findings, engine.catalog, waivers=waivers).result


def test_aws_results_become_valid_findings_and_others_are_left_out(
    result: dict[str, Any],
) -> None:
    azure = {**result["findings"][0], "uid": "a" * 32,
             "resource": {**result["findings"][0]["resource"], "provider": "azure"}}  # fmt: skip
    mixed = {**result, "findings": [*result["findings"], azure]}
    document, skipped = asff_document(mixed)
    findings = document["Findings"]
    assert skipped == 1 and len(findings) == len(result["findings"])
    assert asff_problems(findings) == []
    labels = {"INFO": "INFORMATIONAL", "LOW": "LOW", "MEDIUM": "MEDIUM", "HIGH": "HIGH",
              "CRITICAL": "CRITICAL"}  # fmt: skip
    statuses = {"PASS": "PASSED", "FAIL": "FAILED", "WAIVED": "FAILED",
                "UNKNOWN": "NOT_AVAILABLE"}  # fmt: skip
    assert {f["status"] for f in result["findings"]} >= {"PASS", "FAIL", "UNKNOWN", "WAIVED"}
    for asff, finding in zip(findings, result["findings"], strict=True):
        assert asff["Id"] == f"cspm-opa/{finding['uid']}"
        assert asff["AwsAccountId"] == finding["resource"]["account"]
        assert asff["Severity"]["Label"] == labels[finding["severity"]]
        assert asff["Compliance"]["Status"] == statuses[finding["status"]]
        assert asff["Resources"][0]["Id"] == finding["resource"]["id"]
        assert asff["ProductArn"].endswith(
            f":{finding['resource']['account']}:product/{finding['resource']['account']}/default"
        )
        waived = finding["status"] == "WAIVED"
        assert (asff.get("Workflow") == {"Status": "SUPPRESSED"}) is waived


def test_botocore_model_catches_a_broken_finding(result: dict[str, Any]) -> None:
    document, _ = asff_document(result)
    good = document["Findings"][0]
    assert asff_problems([{k: v for k, v in good.items() if k != "GeneratorId"}])
    assert asff_problems([{**good, "Resources": [{"Id": "x"}]}])  # Type is required
    assert asff_problems([{**good, "Compliance": {"Status": "MAYBE"}}])
    assert asff_problems([{**good, "Severity": {"Label": "SEVERE"}}])


def test_at_most_32_related_requirements(result: dict[str, Any]) -> None:
    many = [{"framework": "NIST_800_53", "control": f"AC-{i}"} for i in range(40)]
    finding = {**result["findings"][0], "compliance": many}
    document, _ = asff_document({**result, "findings": [finding]})
    related = document["Findings"][0]["Compliance"]["RelatedRequirements"]
    assert related == [f"NIST_800_53 AC-{i}" for i in range(MAX_REQUIREMENTS)]
    assert asff_problems(document["Findings"]) == []


def test_ids_are_stable_created_at_is_kept_and_updated_at_bumped(result: dict[str, Any]) -> None:
    finding = {**result["findings"][0], "first_seen": "2026-01-02T03:04:05Z"}
    first, _ = asff_document({**result, "generated_at": "2026-01-02T03:04:05Z",
                              "findings": [finding]})  # fmt: skip
    second, _ = asff_document({**result, "generated_at": "2026-03-01T00:00:00Z",
                               "findings": [finding]})  # fmt: skip
    a, b = first["Findings"][0], second["Findings"][0]
    assert a["Id"] == b["Id"] and a["ProductArn"] == b["ProductArn"]
    assert a["CreatedAt"] == b["CreatedAt"] == "2026-01-02T03:04:05.000Z"
    assert (a["UpdatedAt"], b["UpdatedAt"]) == ("2026-01-02T03:04:05.000Z",
                                                "2026-03-01T00:00:00.000Z")  # fmt: skip


def test_report_writes_asff_with_a_note_for_other_clouds(
    result: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gcp = {**result["findings"][0], "uid": "b" * 32,
           "resource": {**result["findings"][0]["resource"], "provider": "gcp"}}  # fmt: skip
    saved = tmp_path / "result.json"
    saved.write_text(json.dumps({**result, "findings": [*result["findings"], gcp]}))
    out = tmp_path / "findings.asff.json"
    assert main(["report", str(saved), "--format", "asff", "-o", str(out)]) == 0
    assert len(json.loads(out.read_text())["Findings"]) == len(result["findings"])
    assert "1 Azure or GCP result(s) left out" in capsys.readouterr().err
    assert main(["report", str(saved), "--format", "csv", "--to", "securityhub"]) == 2


def _many(result: dict[str, Any], copies: int) -> dict[str, Any]:
    findings = [
        {**f, "uid": f"{i:02x}{f['uid'][2:]}"} for i in range(copies) for f in result["findings"]
    ]
    return {**result, "findings": findings}


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SECURITYHUB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    monkeypatch.setenv("AWS_REGION", "eu-west-1")


@pytest.mark.usefixtures("aws_env")
def test_import_into_security_hub_in_batches_of_100_updates_on_reimport(
    result: dict[str, Any],
) -> None:
    many = _many(result, 2)
    total = len(many["findings"])
    assert total > BATCH_SIZE and total % BATCH_SIZE  # a last, partial batch too
    with mock_aws():
        session = boto3.Session(region_name="eu-west-1")
        sizes: list[int] = []
        session.events.register(
            "provide-client-params.securityhub.BatchImportFindings",
            lambda params, **_: sizes.append(len(params["Findings"])),
        )
        document, report = import_result(many, session=session)
        assert sizes == [BATCH_SIZE] * (total // BATCH_SIZE) + [total % BATCH_SIZE]
        assert (report.imported, report.failed, report.calls) == (total, [], len(sizes))
        account = session.client("sts").get_caller_identity()["Account"]
        arn = f"arn:aws:securityhub:eu-west-1:{account}:product/{account}/default"
        assert {f["ProductArn"] for f in document["Findings"]} == {arn}
        hub = session.client("securityhub")

        def stored() -> dict[str, dict[str, Any]]:
            pages = hub.get_paginator("get_findings").paginate()
            return {f["Id"]: f for page in pages for f in page["Findings"]}

        before = stored()
        assert len(before) == total
        import_result(many, session=session)
        after = stored()
        assert set(after) == set(before)  # updated, not duplicated
        some = next(iter(after))
        assert after[some]["CreatedAt"] == before[some]["CreatedAt"]
        assert after[some]["UpdatedAt"] >= before[some]["UpdatedAt"]


@pytest.mark.usefixtures("aws_env")
def test_cli_imports_with_to_securityhub(
    result: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "result.json"
    saved.write_text(json.dumps(_many(result, 1)))
    with mock_aws():
        assert main(["report", str(saved), "--format", "asff", "--to", "securityhub"]) == 0
        hub = boto3.client("securityhub", region_name="eu-west-1")
        pages = hub.get_paginator("get_findings").paginate()
        assert sum(len(p["Findings"]) for p in pages) == len(result["findings"])
    err = capsys.readouterr().err
    count = len(result["findings"])
    calls = -(-count // 100)  # BatchImportFindings takes at most 100 findings a call
    assert f"{count} finding(s) imported in {calls} call(s), 0 failed" in err
