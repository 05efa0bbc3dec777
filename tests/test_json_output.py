"""Every JSON file and stream is written by orjson, with the text json.dumps(indent=2) gives."""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from cspm_opa import _json


def test_same_text_as_json_dumps_indent_2() -> None:
    value = {
        "schema_version": "1",
        "percent": 75.0,
        "score": 68,
        "empty": {},
        "none": [],
        "nested": [{"a": None, "b": [True, False, 0.5]}],
        "quote": 'say "hi"\n\ttab \\ slash',
    }
    assert _json.dumps(value) == (json.dumps(value, indent=2) + "\n").encode()
    assert _json.dumps_text(value) == json.dumps(value, indent=2) + "\n"


def test_non_ascii_is_utf8_and_reads_back_the_same() -> None:
    value = {"title": "the entity\u2019s objectives", "tags": {"Team": "Zürich"}}
    data = _json.dumps(value)
    assert "entity\u2019s".encode() in data
    assert json.loads(data) == value


def test_compact_sorted_and_read_only_mappings() -> None:
    value = {"b": MappingProxyType({"y": 1, "x": 2}), "a": (1, 2)}
    assert _json.dumps(value, indent=False, sort_keys=True) == b'{"a":[1,2],"b":{"x":2,"y":1}}'


def test_what_json_cannot_encode_is_refused() -> None:
    with pytest.raises(TypeError):
        _json.dumps({"x": object()})


def test_evaluate_writes_the_result_as_indented_utf8(
    write_json: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cspm_opa.cli import main
    from cspm_opa.testing.builders import account_baseline, s3_bucket, snapshot

    account = "111122223333"
    bucket = s3_bucket(name="bad", account=account, config={"policy": None})
    bucket["tags"] = {"Owner": "Zoë"}
    path = write_json("aws.json", snapshot(account, [*account_baseline(account), bucket]))
    out = tmp_path / "result.json"
    assert main(["evaluate", str(path), "--format", "json", "-o", str(out)]) == 0
    data = out.read_bytes()
    result = json.loads(data)
    assert data == (json.dumps(result, indent=2, ensure_ascii=False) + "\n").encode()
    assert "Zoë".encode() in data
    assert main(["evaluate", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == result["findings"]
