"""The environment the tests run in is exactly the committed lock: every locked package at
its locked version, nothing installed beside it, every pin hashed, and every range that
pyproject.toml declares (runtime, extras, build backend) satisfied by the lock. A version
drift, a package installed by hand, or a pyproject change without `make lock` fails here."""

from __future__ import annotations

import functools
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


@functools.cache
def read_lock() -> tuple[dict[str, str], frozenset[str]]:
    """The lock's pins (name -> version), and the names whose pin carries at least one
    sha256 (pip-compile writes them on the lines after the pin); parsed once."""
    pins: dict[str, str] = {}
    hashed: set[str] = set()
    current: str | None = None
    for number, line in enumerate(LOCK.read_text(encoding="utf-8").splitlines(), 1):
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match[1])
            assert current not in pins, f"{LOCK.name}:{number}: {current} pinned twice"
            pins[current] = match[2]
        elif current and line.strip().startswith("--hash=sha256:"):
            hashed.add(current)
    return pins, frozenset(hashed)


def locked() -> dict[str, str]:
    return read_lock()[0]


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
    assert set(pins) - read_lock()[1] == set()


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
