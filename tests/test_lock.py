"""The environment the tests run in is exactly the committed lock: every locked package at
its locked version, nothing installed beside it, every pin hashed, and every range that
pyproject.toml declares (runtime, extras, build backend) satisfied by the lock. A version
drift, a package installed by hand, or a pyproject change without `make lock` fails here."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
LOCK = REPO / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")
PROJECT = "cspm-opa"


def locked() -> dict[str, str]:
    pins: dict[str, str] = {}
    for number, line in enumerate(LOCK.read_text(encoding="utf-8").splitlines(), 1):
        match = PIN.match(line)
        if match:
            name = canonicalize_name(match[1])
            assert name not in pins, f"{LOCK.name}:{number}: {name} pinned twice"
            pins[name] = match[2]
    return pins


def hashed() -> set[str]:
    """Names whose pin carries at least one sha256 (pip-compile puts them on the lines
    after the pin)."""
    names: set[str] = set()
    current: str | None = None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match[1])
        elif current and line.strip().startswith("--hash=sha256:"):
            names.add(current)
    return names


def installed() -> dict[str, str]:
    return {
        canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
    }


def declared() -> list[Requirement]:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    texts = list(project["dependencies"]) + list(pyproject["build-system"]["requires"])
    for extra in project["optional-dependencies"].values():
        texts += extra
    return [Requirement(text) for text in texts]


def test_the_lock_pins_every_package_with_hashes() -> None:
    pins = locked()
    assert len(pins) > 50
    assert {"hatchling", "pip", "moto", "boto3", "pytest"} <= set(pins)
    assert set(pins) - hashed() == set()


def test_installed_versions_are_the_locked_ones() -> None:
    pins, present = locked(), installed()
    drift = {
        name: f"locked {version}, installed {present.get(name, 'nothing')}"
        for name, version in pins.items()
        if present.get(name) != version
    }
    assert drift == {}, "the environment differs from requirements.lock: run `make install`"
    unlocked = set(present) - set(pins) - {PROJECT}
    assert unlocked == set(), "installed without being locked"


@pytest.mark.parametrize("requirement", declared(), ids=str)
def test_the_lock_satisfies_pyproject(requirement: Requirement) -> None:
    pins = locked()
    name = canonicalize_name(requirement.name)
    if name == PROJECT:  # the `all` and `dev` extras name the project's own extras
        return
    assert name in pins, f"{requirement} is declared but not locked: run `make lock`"
    assert requirement.specifier.contains(pins[name], prereleases=True), (
        f"locked {name}=={pins[name]} is outside {requirement}: run `make lock`"
    )
