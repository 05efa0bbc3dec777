"""The start-up cache: a hit serves the same catalog without running OPA's checks again;
a change to the policies, the schemas, the capabilities or OPA's version misses; a
corrupt or tampered entry is rebuilt, never trusted."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest

from cspm_opa import LocalOpa, user_cache
from cspm_opa.engine import base, startup_cache
from cspm_opa.engine.base import prepare_policy_dirs
from cspm_opa.engine.catalog import Catalog
from cspm_opa.errors import PolicyError
from tests.conftest import TAG_CHECK, write_policy


class Builds:
    """Counts the catalogs actually built (load_catalog calls), calling through."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.count = 0
        real = startup_cache.load_catalog

        def counted(*args: Any, **kwargs: Any) -> Catalog:
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(startup_cache, "load_catalog", counted)


@pytest.fixture(autouse=True)
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-in pack, so the digests see only this test's changes."""
    copy = tmp_path / "pack" / "rego"
    shutil.copytree(base.rego_dir(), copy)
    monkeypatch.setattr(base, "rego_dir", lambda: copy)
    schemas = tmp_path / "pack" / "schemas"
    shutil.copytree(startup_cache.schemas_dir(), schemas)
    monkeypatch.setattr(startup_cache, "schemas_dir", lambda: schemas)
    return copy


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(startup_cache.CACHE_ENV, str(directory))
    return directory


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Builds:
    return Builds(monkeypatch)


def _catalog(opa: Path, policies: list[Path], work: Path) -> Catalog:
    work.mkdir(exist_ok=True)
    dirs = prepare_policy_dirs(policies, work, opa)
    return startup_cache.checked_catalog(opa, dirs, work)


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("catalog-*.json"))


def test_a_second_start_is_served_from_the_cache(
    cache: Path, builds: Builds, opa_bin: Path, tmp_path: Path
) -> None:
    write_policy(tmp_path / "mine", "owner_tag.rego", TAG_CHECK)
    first = _catalog(opa_bin, [tmp_path / "mine"], tmp_path / "w1")
    assert builds.count == 1
    assert len(_entries(cache)) == 1
    # Another run: its own work directory, so paths are remapped, not copied.
    second = _catalog(opa_bin, [tmp_path / "mine"], tmp_path / "w2")
    assert builds.count == 1, "the second start must not read the catalog again"
    assert second == first
    assert second.get("ACME-S3-001").file == str((tmp_path / "mine" / "owner_tag.rego").resolve())


def test_local_opa_uses_the_cache_and_evaluates(cache: Path, builds: Builds) -> None:
    with LocalOpa() as cold:
        cold_policies = cold.catalog.policies
    with LocalOpa() as warm:
        assert warm.catalog.policies == cold_policies
        assert warm.http.healthy()
    assert builds.count == 1


def test_a_change_to_the_policies_misses(
    cache: Path, builds: Builds, opa_bin: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    check = write_policy(mine, "owner_tag.rego", TAG_CHECK)
    _catalog(opa_bin, [mine], tmp_path / "w")
    check.write_text(TAG_CHECK.replace("severity: LOW", "severity: HIGH"), encoding="utf-8")
    changed = _catalog(opa_bin, [mine], tmp_path / "w")
    assert builds.count == 2
    assert changed.get("ACME-S3-001").severity.value == "HIGH"
    # A new file (even one that is not a check) misses too.
    write_policy(mine, "notes/extra.rego", "package acme.extra\n\nx := 1\n")
    _catalog(opa_bin, [mine], tmp_path / "w")
    assert builds.count == 3


def test_a_broken_policy_is_never_cached(
    cache: Path, builds: Builds, opa_bin: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    write_policy(mine, "bad.rego", "package cspm.checks.aws.acme.bad\n\ndeny contains x if {\n")
    for _ in range(2):
        with pytest.raises(PolicyError, match=r"bad\.rego"):
            _catalog(opa_bin, [mine], tmp_path / "w")
    assert not _entries(cache)


def test_a_change_to_the_schemas_misses(
    cache: Path, builds: Builds, opa_bin: Path, tmp_path: Path
) -> None:
    schemas = startup_cache.schemas_dir()
    _catalog(opa_bin, [], tmp_path / "w")
    _catalog(opa_bin, [], tmp_path / "w")
    assert builds.count == 1
    meta = schemas / "policy_metadata.json"
    doc = json.loads(meta.read_text(encoding="utf-8"))
    doc["description"] = str(doc.get("description", "")) + " (edited)"
    meta.write_text(json.dumps(doc), encoding="utf-8")
    _catalog(opa_bin, [], tmp_path / "w")
    assert builds.count == 2


def _wrapped_opa(directory: Path, real: Path, *, version: str, builtin_note: str) -> Path:
    """An ``opa`` that is the real one, except for what it says its version is and the
    description of the ``abs`` builtin in its capabilities."""
    script = directory / "opa"
    directory.mkdir(parents=True, exist_ok=True)
    script.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = version ]; then echo "Version: {version}"; exit 0; fi\n'
        'if [ "$1" = capabilities ]; then\n'
        f'  "{real}" "$@" | sed "s/Returns the number without its sign./{builtin_note}/"\n'
        "  exit 0\n"
        "fi\n"
        f'exec "{real}" "$@"\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_a_change_to_opa_version_or_capabilities_misses(
    cache: Path, builds: Builds, opa_bin: Path, tmp_path: Path
) -> None:
    a = _wrapped_opa(tmp_path / "a", opa_bin, version="1.0.0-a", builtin_note="note a")
    a_again = _wrapped_opa(tmp_path / "a2", opa_bin, version="1.0.0-a", builtin_note="note a")
    other_version = _wrapped_opa(tmp_path / "b", opa_bin, version="1.0.0-b", builtin_note="note a")
    other_caps = _wrapped_opa(tmp_path / "c", opa_bin, version="1.0.0-a", builtin_note="note c")
    _catalog(a, [], tmp_path / "w")
    _catalog(a_again, [], tmp_path / "w")
    assert builds.count == 1, "the same version and capabilities from another path hit"
    _catalog(other_version, [], tmp_path / "w")
    assert builds.count == 2
    _catalog(other_caps, [], tmp_path / "w")
    assert builds.count == 3
    assert len(_entries(cache)) == 3


def test_a_corrupt_or_tampered_entry_is_rebuilt(
    cache: Path, builds: Builds, opa_bin: Path, tmp_path: Path
) -> None:
    good = _catalog(opa_bin, [], tmp_path / "w")
    (entry,) = _entries(cache)
    entry.write_bytes(b'{"format": 1, "key": "trunc')
    assert _catalog(opa_bin, [], tmp_path / "w") == good
    assert builds.count == 2
    # A payload edited after it was written: its digest no longer matches.
    doc = json.loads(entry.read_text(encoding="utf-8"))
    doc["payload"]["policies"][0]["severity"] = "INFO"
    doc["payload"]["policies"][0]["title"] = "tampered"
    entry.write_text(json.dumps(doc), encoding="utf-8")
    again = _catalog(opa_bin, [], tmp_path / "w")
    assert builds.count == 3
    assert again == good
    # An entry that verifies but does not rebuild a catalog is rebuilt as well.
    doc = json.loads(entry.read_text(encoding="utf-8"))
    doc["payload"]["policies"][0]["severity"] = "NOT-A-SEVERITY"
    doc["digest"] = user_cache.payload_digest(doc["payload"])
    entry.write_text(json.dumps(doc), encoding="utf-8")
    assert _catalog(opa_bin, [], tmp_path / "w") == good
    assert builds.count == 4
    rewritten = json.loads(entry.read_text(encoding="utf-8"))["payload"]["policies"][0]
    assert rewritten["severity"] == {"$enum": good.policies[0].severity.value}


def test_an_unwritable_cache_costs_the_cache_not_the_run(
    builds: Builds, opa_bin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(startup_cache.CACHE_ENV, str(blocker / "cache"))
    assert _catalog(opa_bin, [], tmp_path / "w").policies
    assert _catalog(opa_bin, [], tmp_path / "w").policies
    assert builds.count == 2


def test_where_the_cache_lives(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv(startup_cache.CACHE_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert startup_cache.cache_dir() == tmp_path / "home" / ".cache" / "cspm-opa"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert startup_cache.cache_dir() == tmp_path / "xdg" / "cspm-opa"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert startup_cache.cache_dir() == tmp_path / "home" / ".cache" / "cspm-opa"
    monkeypatch.setenv(startup_cache.CACHE_ENV, str(tmp_path / "mine"))
    assert startup_cache.cache_dir() == tmp_path / "mine"
