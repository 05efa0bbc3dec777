"""Compiled validators kept between runs: the same answers from the cache as compiled,
a schema change misses, and a corrupt entry is compiled again, never executed."""

from __future__ import annotations

import base64
import json
import marshal
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest

from cspm_opa import schema_cache, user_cache

SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["name"],
    "properties": {"name": {"type": "string", "pattern": "^[a-z]+$"}, "size": {"minimum": 0}},
}


class Compiles:
    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.count = 0
        real = fastjsonschema.compile_to_code

        def counted(*args: Any, **kwargs: Any) -> str:
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(schema_cache.fastjsonschema, "compile_to_code", counted)


@pytest.fixture
def compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Compiles:
    monkeypatch.setenv(user_cache.CACHE_ENV, str(tmp_path / "cache"))
    return Compiles(monkeypatch)


def _entry(tmp_path: Path) -> Path:
    (entry,) = (tmp_path / "cache").glob("validator-*.json")
    return entry


def _answers(validate: Any) -> list[str]:
    out = []
    for doc in (
        {"name": "ok", "size": 3},
        {"name": "Bad"},
        {"size": -1},
        {"name": "x", "size": -2},
    ):
        try:
            validate(doc)
            out.append("valid")
        except fastjsonschema.JsonSchemaValueException as exc:
            out.append(str(exc.message))
    return out


def test_a_cached_validator_answers_as_a_compiled_one(compiles: Compiles, tmp_path: Path) -> None:
    expected = _answers(fastjsonschema.compile(SCHEMA))
    assert expected[0] == "valid" and len(set(expected)) == 4
    assert _answers(schema_cache.compiled_validator(SCHEMA)) == expected
    assert compiles.count == 1
    assert _answers(schema_cache.compiled_validator(SCHEMA)) == expected
    assert compiles.count == 1, "the second validator must come from the cache"
    assert _entry(tmp_path).is_file()


def test_a_changed_schema_misses(compiles: Compiles) -> None:
    schema_cache.compiled_validator(SCHEMA)
    stricter = {**SCHEMA, "properties": {**SCHEMA["properties"], "size": {"minimum": 5}}}
    validate = schema_cache.compiled_validator(stricter)
    assert compiles.count == 2
    with pytest.raises(fastjsonschema.JsonSchemaValueException):
        validate({"name": "ok", "size": 3})


@pytest.mark.parametrize("damage", ["truncated", "tampered", "not_code"])
def test_a_damaged_entry_is_compiled_again(compiles: Compiles, tmp_path: Path, damage: str) -> None:
    expected = _answers(schema_cache.compiled_validator(SCHEMA))
    entry = _entry(tmp_path)
    doc = json.loads(entry.read_text(encoding="utf-8"))
    if damage == "truncated":
        entry.write_text(entry.read_text(encoding="utf-8")[:100], encoding="utf-8")
    elif damage == "tampered":  # code that would accept anything, digest left stale
        doc["payload"]["code"] = base64.b64encode(
            marshal.dumps(compile("def validate(data):\n    return data\n", "x", "exec"))
        ).decode()
        entry.write_text(json.dumps(doc), encoding="utf-8")
    else:  # verifies, but is not marshal data
        doc["payload"]["code"] = base64.b64encode(b"not marshal data").decode()
        doc["digest"] = user_cache.payload_digest(doc["payload"])
        entry.write_text(json.dumps(doc), encoding="utf-8")
    assert _answers(schema_cache.compiled_validator(SCHEMA)) == expected
    assert compiles.count == 2
    assert _answers(schema_cache.compiled_validator(SCHEMA)) == expected
    assert compiles.count == 2, "the rebuilt entry serves the next run"
