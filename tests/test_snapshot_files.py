"""Snapshot files that cannot be read or parsed get a clear error naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cspm_opa import SnapshotError, load_snapshot, write_snapshot
from cspm_opa.snapshots import snapshot_filename
from cspm_opa.testing.builders import s3_bucket, snapshot


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.json"
    with pytest.raises(SnapshotError, match=r"nope\.json: cannot read snapshot"):
        load_snapshot(path)


def test_not_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "schema_version": "1",\n  oops\n}', encoding="utf-8")
    with pytest.raises(SnapshotError) as info:
        load_snapshot(path)
    assert str(path) in str(info.value)
    assert "line 3, column 3" in str(info.value)


def test_json_that_is_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(SnapshotError, match="a snapshot is a JSON object, not list"):
        load_snapshot(path)


def test_round_trip_through_a_directory(tmp_path: Path) -> None:
    doc = snapshot("111122223333", [s3_bucket(name="b", account="111122223333")])
    from cspm_opa import snapshot_from_dict

    written = write_snapshot(snapshot_from_dict(doc), tmp_path)
    assert written.name == "aws-111122223333.json"
    again = load_snapshot(written)
    assert again.document == json.loads(written.read_text())
    assert snapshot_filename(again) == written.name
    assert again.account_id == "111122223333"
