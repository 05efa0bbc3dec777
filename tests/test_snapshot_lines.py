"""Snapshot files one resource a line: still one JSON document, readable in parts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cspm_opa import SnapshotError, _json, load_snapshot, snapshot_from_dict, write_snapshot
from cspm_opa.snapshot_lines import index_lines
from cspm_opa.testing import builders as b

ACCOUNT = "111122223333"


def _doc() -> dict[str, object]:
    resources = [
        *b.account_baseline(ACCOUNT, ["us-east-1"]),
        *(b.s3_bucket(name=f"bucket-{i}", account=ACCOUNT) for i in range(5)),
        *(b.ebs_volume(f"vol-{i}", ACCOUNT, "us-east-1") for i in range(3)),
    ]
    return b.snapshot(ACCOUNT, resources, regions=["us-east-1"])


def test_written_file_is_one_json_document_indexed_by_type(tmp_path: Path) -> None:
    doc = _doc()
    path = write_snapshot(snapshot_from_dict(doc), tmp_path)
    assert json.loads(path.read_text()) == doc  # any JSON reader still reads it whole
    assert load_snapshot(path).document == doc
    index = index_lines(path)
    assert index is not None
    assert index.header == {k: v for k, v in doc.items() if k != "resources"}
    resources = doc["resources"]
    assert isinstance(resources, dict)
    assert {t: len(run) for t, run in index.types.items()} == {
        t: len(v) for t, v in resources.items()
    }
    assert index.count() == sum(len(v) for v in resources.values())
    buckets = resources["aws_s3_bucket"]
    assert index.resources("aws_s3_bucket") == buckets
    middle = index.resources("aws_s3_bucket", 1, 3)
    assert middle == {rid: buckets[rid] for rid in sorted(buckets)[1:3]}
    assert index.types["aws_s3_bucket"].size() == sum(
        len(_json.dumps({k: v}, indent=False)) - 2 for k, v in buckets.items()
    )


def test_an_older_layout_is_not_indexed_and_still_loads(tmp_path: Path) -> None:
    doc = _doc()
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc, indent=2, sort_keys=True))
    assert index_lines(path) is None
    assert load_snapshot(path).document == doc


def test_a_broken_resource_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = write_snapshot(snapshot_from_dict(_doc()), tmp_path)
    lines = path.read_bytes().split(b"\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(b'"arn:aws:s3:::bucket-2":'))
    lines[at] = lines[at].replace(b'-2":{', b'-2":{{', 1)
    path.write_bytes(b"\n".join(lines))
    index = index_lines(path)
    assert index is not None
    with pytest.raises(SnapshotError, match=rf"{path.name}: line {at + 1}: not a resource entry"):
        index.resources("aws_s3_bucket")
