"""Pipeline outputs: SARIF 2.1.0 (validated against the official schema) and JUnit XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cspm_opa import LocalOpa, evaluate, snapshot_from_dict
from cspm_opa.cli import main
from cspm_opa.export import render_junit, sarif_log
from cspm_opa.export.sarif import LEVELS
from cspm_opa.result import assess
from cspm_opa.testing.estate import sample_estate
from cspm_opa.waivers import load_waivers
from tests.conftest import REPO

SARIF_SCHEMA = REPO / ".tools" / "sarif-2.1.0-rtm.5.json"
TEST_DATA = REPO / "tests" / "data"


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    snaps = [snapshot_from_dict(d) for d in sample_estate()]
    with LocalOpa() as engine:
        findings = evaluate(snaps, engine)
        return assess(snaps, findings, engine.catalog,
                      waivers=load_waivers(TEST_DATA / "waivers.yaml")).result  # fmt: skip


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    assert SARIF_SCHEMA.is_file(), "run `make install` (the Makefile fetches the SARIF schema)"
    return jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text()))


def test_sarif_validates_against_the_official_schema(
    result: dict[str, Any], sarif_validator: jsonschema.Draft4Validator
) -> None:
    log = sarif_log(result)
    errors = [f"{list(e.path)}: {e.message}" for e in sarif_validator.iter_errors(log)]
    assert errors == []
    with_pass = sarif_log(result, include_pass=True)
    assert list(sarif_validator.iter_errors(with_pass)) == []
    assert len(with_pass["runs"][0]["results"]) == len(result["findings"])


def test_the_validator_rejects_broken_sarif(sarif_validator: jsonschema.Draft4Validator) -> None:
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"level": "x"}]}]}
    assert list(sarif_validator.iter_errors(broken))


def test_sarif_results_carry_rule_metadata_level_and_location(result: dict[str, Any]) -> None:
    run = sarif_log(result)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [p["id"] for p in result["policies"]]
    not_pass = [f for f in result["findings"] if f["status"] != "PASS"]
    assert len(run["results"]) == len(not_pass)
    for sarif, finding in zip(run["results"], not_pass, strict=True):
        rule = rules[sarif["ruleIndex"]]
        assert rule["id"] == sarif["ruleId"] == finding["policy_id"]
        assert rule["help"]["text"] == finding["remediation"]
        location = sarif["locations"][0]["logicalLocations"][0]
        assert location["fullyQualifiedName"].endswith(finding["resource"]["id"])
        assert sarif["partialFingerprints"]["cspmFindingUid/v1"] == finding["uid"]
        if finding["status"] == "FAIL":
            assert (sarif["kind"], sarif["level"]) == ("fail", LEVELS[finding["severity"]])
        elif finding["status"] == "UNKNOWN":
            assert (sarif["kind"], sarif["level"]) == ("review", "none")
        else:
            assert sarif["suppressions"][0]["justification"] == finding["waiver"]["reason"]
    levels = {r["level"] for r in run["results"] if r["kind"] == "fail"}
    assert {"error", "warning", "note"} <= levels


def test_junit_has_a_case_per_check_and_resource(result: dict[str, Any]) -> None:
    root = ET.fromstring(render_junit(result))
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == len(result["findings"]) == int(root.get("tests", "-1"))
    by_status = result["summary"]["by_status"]
    assert len(root.findall("./testsuite/testcase/failure")) == by_status["FAIL"]
    assert int(root.get("failures", "-1")) == by_status["FAIL"]
    skipped = by_status["UNKNOWN"] + by_status["WAIVED"]
    assert len(root.findall("./testsuite/testcase/skipped")) == skipped
    suites = {s.get("name", "").split(" ")[0] for s in root.findall("testsuite")}
    assert suites == {f["policy_id"] for f in result["findings"]}


def test_csv_has_a_row_per_finding_that_round_trips(result: dict[str, Any]) -> None:
    import csv
    import io

    from cspm_opa.export import render_csv

    rows = list(csv.DictReader(io.StringIO(render_csv(result))))
    assert len(rows) == len(result["findings"])
    for row, finding in zip(rows, result["findings"], strict=True):
        assert (row["uid"], row["status"], row["resource_id"], row["message"]) == (
            finding["uid"], finding["status"], finding["resource"]["id"], finding["message"],
        )  # fmt: skip
    waived = [r for r in rows if r["status"] == "WAIVED"]
    assert waived and all(r["waiver_owner"] for r in waived)


def test_cli_writes_sarif_and_junit(
    tmp_path: Path, sarif_validator: jsonschema.Draft4Validator
) -> None:
    for doc in sample_estate():
        (tmp_path / f"{doc['account']['id']}.json").write_text(json.dumps(doc))
    snaps = sorted(str(p) for p in tmp_path.glob("*.json"))
    sarif = tmp_path / "out.sarif"
    assert main(["evaluate", *snaps, "--format", "sarif", "-o", str(sarif),
                 "--fail-on", "critical"]) == 1  # fmt: skip
    assert list(sarif_validator.iter_errors(json.loads(sarif.read_text()))) == []
    junit = tmp_path / "out.xml"
    assert main(["evaluate", *snaps, "--format", "junit", "-o", str(junit)]) == 0
    assert ET.parse(junit).getroot().tag == "testsuites"
