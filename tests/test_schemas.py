"""Snapshot validation reports every error at once, each with its JSON path."""

from __future__ import annotations

import copy

import pytest

from cspm_opa import SnapshotError, snapshot_from_dict
from cspm_opa.schemas import default_store, json_path
from cspm_opa.testing.builders import s3_bucket, snapshot


def _valid() -> dict:
    bucket = s3_bucket(name="logs", account="111122223333", region="us-east-1")
    return snapshot("111122223333", [bucket])


def test_valid_snapshot_has_no_issues() -> None:
    assert default_store().snapshot_issues(_valid()) == []


def test_json_path_rendering() -> None:
    assert json_path(["resources", "aws_s3_bucket", "arn:aws:s3:::b", "config", 0]) == (
        'resources.aws_s3_bucket["arn:aws:s3:::b"].config[0]'
    )
    assert json_path([]) == "$"


def test_every_resource_error_is_listed_with_its_path() -> None:
    doc = _valid()
    (bucket_id,) = doc["resources"]["aws_s3_bucket"]
    bucket = doc["resources"]["aws_s3_bucket"][bucket_id]
    bucket["config"]["versioning"]["status"] = "Sometimes"
    bucket["config"]["versioning"]["mfa_delete"] = "yes"
    bucket["config"]["colour"] = "blue"
    with pytest.raises(SnapshotError) as info:
        snapshot_from_dict(doc, source="snap.json")
    paths = {issue.path for issue in info.value.issues}
    base = f'resources.aws_s3_bucket["{bucket_id}"].config'
    assert {f"{base}.versioning.status", f"{base}.versioning.mfa_delete", base} <= paths
    text = str(info.value)
    assert text.startswith("snap.json: invalid snapshot (3 issues)")
    assert "'colour'" in text and "'Sometimes'" in text


def test_envelope_errors_stop_before_resources() -> None:
    doc = _valid()
    del doc["taken_at"]
    doc["provider"] = "oracle"
    issues = default_store().snapshot_issues(doc)
    assert {i.path for i in issues} == {"$", "provider"}


def test_unknown_resource_type_is_named() -> None:
    doc = _valid()
    doc["resources"]["aws_teleporter"] = {"x": {}}
    issues = default_store().snapshot_issues(doc)
    assert [i.path for i in issues] == ["resources.aws_teleporter"]
    assert "unknown resource type" in issues[0].message


def test_resource_key_must_match_its_id() -> None:
    doc = _valid()
    by_id = doc["resources"]["aws_s3_bucket"]
    (bucket_id,) = by_id
    by_id["other-key"] = copy.deepcopy(by_id.pop(bucket_id))
    issues = default_store().snapshot_issues(doc)
    assert [i.path for i in issues] == ['resources.aws_s3_bucket["other-key"].id']


def test_unknown_field_names_must_be_config_fields() -> None:
    doc = _valid()
    (bucket,) = doc["resources"]["aws_s3_bucket"].values()
    bucket["unknown"] = ["policy", "polcy"]
    issues = default_store().snapshot_issues(doc)
    assert len(issues) == 1
    assert issues[0].path.endswith(".unknown[1]")
    assert "'polcy' is not a config field" in issues[0].message


def test_every_resource_schema_has_the_common_shape() -> None:
    store = default_store()
    common = {"id", "type", "name", "region", "tags", "unknown", "config"}
    assert store.resource_types(), "no resource schemas found"
    for rtype in store.resource_types():
        schema = store.document(f"resources/{rtype}.json")
        assert set(schema["properties"]) == common, rtype
        assert schema["properties"]["type"] == {"const": rtype}
        assert schema["additionalProperties"] is False
        assert schema["properties"]["config"]["additionalProperties"] is False, rtype


def test_type_check_schema_exposes_each_type_under_a_static_key() -> None:
    schema = default_store().type_check_schema()
    by_type = schema["properties"]["resources"]["properties"]
    assert set(by_type) == set(default_store().resource_types())
    bucket = by_type["aws_s3_bucket"]["properties"]["*"]
    assert "$ref" not in str(bucket)
    assert "policy" in bucket["properties"]["config"]["properties"]


def test_remediation_plan_schema_lists_every_error_with_its_path() -> None:
    planned = {"finding": "0" * 32, "policy_id": "AWS-EBS-001", "resource": "1/us-east-1",
               "action": "ec2:EnableEbsEncryptionByDefault", "region": "us-east-1",
               "params": {}, "applied": False, "skipped": None, "error": None}  # fmt: skip
    assert list(default_store().issues("remediation_plan.json", [planned])) == []
    broken = {**planned, "applied": "no", "skipped": "", "colour": "blue"}
    del broken["params"]
    paths = sorted(i.path for i in default_store().issues("remediation_plan.json", [broken]))
    assert paths == ["[0]", "[0]", "[0].applied", "[0].skipped"]
