"""OCSF Compliance Finding export: JSON Lines and Security Lake Parquet.

Every record is held to pydantic-ocsf's model of the version it declares (1.1.0), made
strict: no attribute outside the class (nested objects included), and none outside OCSF's
dictionary. Two gaps of pydantic-ocsf 3.0.0 are filled from the OCSF 1.1.0 schema, not
loosened: its generated models skip the base event's ``$include`` (classification,
occurrence and the cloud profile: ``class_uid``, ``time``, ``cloud``, ...), and its enum
for ``compliance.status_id`` replaces the dictionary's instead of merging it, dropping
``0`` (Unknown).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import pyarrow.parquet as pq
import pytest
from ocsf.v1_1_0 import objects as ocsf_objects
from ocsf.v1_1_0.events import ComplianceFinding
from pydantic import BaseModel, ConfigDict, ValidationError

from cspm_opa import LocalOpa, evaluate, snapshot_from_dict
from cspm_opa.cli import main
from cspm_opa.export.ocsf import OCSF_VERSION, ocsf_findings, render_ocsf
from cspm_opa.export.ocsf_parquet import write_ocsf_parquet
from cspm_opa.localclouds.aws_process import isolated_aws_cloud
from cspm_opa.localclouds.azure_demo import azure_demo_cloud
from cspm_opa.localclouds.gcp_demo import gcp_demo_cloud
from cspm_opa.result import assess
from cspm_opa.testing.estate import sample_estate
from cspm_opa.waivers import load_waivers
from tests.conftest import REPO

CLI = Path(sys.executable).with_name("cspm-opa")
OCSF_SCHEMA = Path(sys.modules["ocsf"].__file__ or "").parent / "schemas" / "v1_1_0.json"


# --- the strict 1.1.0 model ------------------------------------------------------------


class _Compliance(ocsf_objects.Compliance):  # type: ignore[misc,name-defined]
    model_config = ConfigDict(extra="forbid")
    # The object's enum (1 Pass, 2 Warning, 3 Fail) merged with the dictionary's status_id
    # (0 Unknown, 99 Other), as the OCSF schema compiles it.
    status_id: Literal[0, 1, 2, 3, 99] | None = None


class StrictComplianceFinding(ComplianceFinding):  # type: ignore[misc]
    """OCSF 1.1.0 Compliance Finding, extras forbidden, with what pydantic-ocsf skips."""

    model_config = ConfigDict(extra="forbid")
    compliance: _Compliance
    # includes/classification.json
    class_uid: Literal[2003]
    class_name: str | None = None
    category_uid: Literal[2]
    category_name: str | None = None
    type_uid: Literal[200301]
    type_name: str | None = None
    # includes/occurrence.json
    time: int
    count: int | None = None
    duration: int | None = None
    timezone_offset: int | None = None
    # profiles/cloud.json
    cloud: ocsf_objects.Cloud | None = None  # type: ignore[name-defined]
    api: ocsf_objects.Api | None = None  # type: ignore[name-defined]


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _stray_keys(value: Any, model: type[BaseModel], path: str = "") -> list[str]:
    """Keys of ``value`` (recursively) that ``model`` and its nested models do not name."""
    if isinstance(value, list):
        return [k for i, v in enumerate(value) for k in _stray_keys(v, model, f"{path}[{i}]")]
    if not isinstance(value, Mapping):
        return []
    fields = {(f.alias or name): f for name, f in model.model_fields.items()}
    stray = []
    for key, item in value.items():
        if key not in fields:
            stray.append(f"{path}.{key}")
            continue
        for nested in _models_in(fields[key].annotation):
            stray += _stray_keys(item, nested, f"{path}.{key}")
    return stray


def _all_keys(value: Any) -> set[str]:
    if isinstance(value, list):
        return {k for v in value for k in _all_keys(v)}
    if isinstance(value, Mapping):
        return set(value) | {k for v in value.values() for k in _all_keys(v)}
    return set()


@pytest.fixture(scope="module")
def dictionary() -> set[str]:
    schema = json.loads(OCSF_SCHEMA.read_text())
    assert schema["version"] == OCSF_VERSION
    return set(schema["dictionary"]["attributes"])


def ocsf_errors(record: Mapping[str, Any], dictionary: set[str]) -> list[str]:
    """Why ``record`` is not an OCSF 1.1.0 Compliance Finding ([] when it is one)."""
    errors = []
    if record.get("metadata", {}).get("version") != OCSF_VERSION:
        errors.append(f"metadata.version is {record.get('metadata', {}).get('version')!r}")
    try:
        StrictComplianceFinding.model_validate(json.loads(json.dumps(record)))
    except ValidationError as exc:
        errors += [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
    errors += [f"{k}: not in the class" for k in _stray_keys(record, StrictComplianceFinding)]
    errors += [f"{k}: not in OCSF's dictionary" for k in sorted(_all_keys(record) - dictionary)]
    return errors


# --- records ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    snaps = [snapshot_from_dict(d) for d in sample_estate()]
    with LocalOpa() as engine:
        findings = evaluate(snaps, engine)
        return assess(snaps, findings, engine.catalog,
                      waivers=load_waivers(REPO / "tests" / "data" / "waivers.yaml"),
                      tool={"name": "cspm-opa", "version": "9.9.9"}).result  # fmt: skip


def test_the_strict_model_rejects_what_ocsf_does_not_define(
    result: dict[str, Any], dictionary: set[str]
) -> None:
    good = next(ocsf_findings(result))
    assert ocsf_errors(good, dictionary) == []
    assert ocsf_errors({**good, "resources": [good["resource"]]}, dictionary)  # 1.3.0 on
    assert ocsf_errors({**good, "compliance": {**good["compliance"], "grade": "A"}}, dictionary)
    assert ocsf_errors({**good, "cloud": {**good["cloud"], "acct": "1"}}, dictionary)
    assert ocsf_errors({**good, "class_uid": 2004}, dictionary)
    assert ocsf_errors({**good, "compliance": {**good["compliance"], "status_id": 7}}, dictionary)
    assert ocsf_errors({k: v for k, v in good.items() if k != "finding_info"}, dictionary)


def test_every_result_is_one_valid_compliance_finding(
    result: dict[str, Any], dictionary: set[str]
) -> None:
    lines = render_ocsf(result).decode().splitlines()
    assert len(lines) == len(result["findings"])
    statuses = {f["status"] for f in result["findings"]}
    assert {"PASS", "FAIL", "UNKNOWN", "WAIVED"} <= statuses
    for line, finding in zip(lines, result["findings"], strict=True):
        record = json.loads(line)
        assert ocsf_errors(record, dictionary) == [], finding["uid"]
        assert record["finding_info"] == {"uid": finding["uid"], "title": finding["title"]}
        assert (record["class_uid"], record["category_uid"], record["activity_id"],
                record["type_uid"]) == (2003, 2, 1, 200301)  # fmt: skip
        assert record["metadata"]["product"] == {
            "name": "cspm-opa", "vendor_name": "cspm-opa", "version": "9.9.9"
        }  # fmt: skip
        res = finding["resource"]
        assert record["cloud"]["provider"] == "AWS"
        assert record["cloud"]["account"]["uid"] == res["account"]
        assert record["cloud"]["region"] == (res["region"] or "global")
        assert record["resource"]["uid"] == res["id"]
        assert record["remediation"] == {"desc": finding["remediation"]}
        compliance = record["compliance"]
        assert compliance["control"] == finding["policy_id"]
        assert compliance["standards"] == sorted({c["framework"] for c in finding["compliance"]})
        assert compliance.get("requirements", []) == list(
            dict.fromkeys(f"{c['framework']}:{c['control']}" for c in finding["compliance"])
        )
        expected = {"PASS": 1, "FAIL": 3, "UNKNOWN": 0, "WAIVED": 3}[finding["status"]]
        assert compliance["status_id"] == expected
        assert record.get("status_id") == (3 if finding["status"] == "WAIVED" else None)
        assert record["severity_id"] == {"INFO": 1, "LOW": 2, "MEDIUM": 3, "HIGH": 4,
                                         "CRITICAL": 5}[finding["severity"]]  # fmt: skip


def test_time_is_epoch_milliseconds_and_history_fills_first_and_last_seen(
    result: dict[str, Any], dictionary: set[str]
) -> None:
    seen = {**result["findings"][0], "first_seen": "2026-01-02T03:04:05Z",
            "last_seen": "2026-02-03T04:05:06Z"}  # fmt: skip
    record = next(ocsf_findings({**result, "generated_at": "2026-02-03T04:05:06Z",
                                 "findings": [seen]}))  # fmt: skip
    assert record["time"] == 1770091506000
    info = record["finding_info"]
    assert info["first_seen_time"] == info["created_time"] == 1767323045000
    assert info["last_seen_time"] == 1770091506000
    assert ocsf_errors(record, dictionary) == []


def test_evaluate_writes_ocsf_json_lines(tmp_path: Path, dictionary: set[str]) -> None:
    snap = tmp_path / "prod.json"
    snap.write_text(json.dumps(sample_estate()[0]))
    out = tmp_path / "findings.ocsf.jsonl"
    assert main(["evaluate", str(snap), "--format", "ocsf", "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records and all(ocsf_errors(r, dictionary) == [] for r in records)


def test_parquet_needs_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    snap = tmp_path / "prod.json"
    snap.write_text(json.dumps(sample_estate()[0]))
    assert main(["evaluate", str(snap), "--format", "ocsf-parquet"]) == 2
    assert "needs -o DIR" in capsys.readouterr().err


# --- a three-cloud scan ----------------------------------------------------------------

PARTITION = re.compile(
    r"^region=(?P<region>[a-z0-9-]+)/accountId=(?P<account>[^/]+)/eventDay=(?P<day>\d{8})/"
    r"cspm-opa-ocsf-2003-[0-9TZ]+-[0-9a-f]{12}\.parquet$"
)


@pytest.fixture(scope="module")
def three_clouds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One scan of the local AWS, Azure and GCP: its OCSF JSON Lines and its JSON result."""
    work = tmp_path_factory.mktemp("three-clouds")
    snapshots = work / "snapshots"
    with isolated_aws_cloud() as aws, azure_demo_cloud() as azure, gcp_demo_cloud() as gcp:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("AWS_", "AZURE_", "GOOGLE_", "MSI_", "IDENTITY_"))}  # fmt: skip
        env.update(aws.env)
        env.update({k: v for k, v in azure.env().items() if k != "AZURE_RESOURCE_MANAGER_URL"})
        env.update(gcp.env)
        proc = subprocess.run(
            [str(CLI), "scan", "--provider", "aws,azure,gcp",
             "--regions", ",".join(aws.regions), "--azure-endpoint", azure.url,
             "--gcp-endpoint", gcp.endpoint, "--projects", ",".join(gcp.project_ids),
             "--snapshot-out", str(snapshots),
             "--format", "ocsf", "-o", str(work / "scan.ocsf.jsonl")],
            env=env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    # The same snapshots evaluated again give the scan result the other formats read.
    assert main(["evaluate", *map(str, sorted(snapshots.glob("*.json"))),
                 "--format", "json", "-o", str(work / "result.json")]) == 0  # fmt: skip
    return work / "scan.ocsf.jsonl", work / "result.json"


def test_a_three_cloud_scan_validates_against_the_declared_ocsf_version(
    three_clouds: tuple[Path, Path], dictionary: set[str]
) -> None:
    jsonl, _ = three_clouds
    records = [json.loads(line) for line in jsonl.read_text().splitlines()]
    providers = {r["cloud"]["provider"] for r in records}
    assert providers == {"AWS", "Azure", "GCP"}
    assert {r["metadata"]["version"] for r in records} == {"1.1.0"}
    problems = {r["finding_info"]["uid"]: ocsf_errors(r, dictionary) for r in records}
    assert {uid: p for uid, p in problems.items() if p} == {}
    assert {r["compliance"]["status_id"] for r in records} >= {1, 3}
    gcp = [r for r in records if r["cloud"]["provider"] == "GCP"]
    assert all(r["cloud"]["project_uid"] == r["cloud"]["account"]["uid"] for r in gcp)


def test_parquet_follows_the_security_lake_layout(
    three_clouds: tuple[Path, Path], tmp_path: Path
) -> None:
    _, result_file = three_clouds
    result = json.loads(result_file.read_text())
    lake = tmp_path / "ext" / "cspm-opa"
    assert main(["report", str(result_file), "--format", "ocsf-parquet", "-o", str(lake)]) == 0
    objects = sorted(p.relative_to(lake).as_posix() for p in lake.rglob("*") if p.is_file())
    assert objects
    expected = {r["finding_info"]["uid"]: r for r in ocsf_findings(result)}
    day = result["generated_at"][:10].replace("-", "")
    seen: dict[str, dict[str, Any]] = {}
    partitions = set()
    for name in objects:
        match = PARTITION.match(name)
        assert match, name
        assert match["day"] == day
        partitions.add((match["region"], match["account"]))
        for row in pq.read_table(lake / name).to_pylist():
            assert row["class_uid"] == 2003  # one OCSF class per object
            assert row["cloud"]["region"] == match["region"]
            assert row["cloud"]["account"]["uid"] == match["account"]
            seen[row["finding_info"]["uid"]] = row
    assert set(seen) == set(expected)  # every record once
    for uid, row in seen.items():
        assert _without_nulls(row) == expected[uid]
    by_provider = {r["resource"]["provider"]: r["resource"] for r in result["findings"]}
    accounts = {a for _, a in partitions}
    assert by_provider["azure"]["account"] in accounts  # the subscription
    assert by_provider["gcp"]["account"] in accounts  # the project
    assert "global" in {r for r, _ in partitions}
    # A second export of a later scan adds objects beside the first's.
    later = {**result, "generated_at": result["generated_at"][:11] + "23:59:59Z"}
    write_ocsf_parquet(later, lake)
    assert len(list(lake.rglob("*.parquet"))) == 2 * len(objects)


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value
