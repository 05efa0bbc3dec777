"""OPA bundles of the built-in and custom checks, for teams that run their own OPA."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cspm_opa import __version__
from cspm_opa.engine.base import prepare_policy_dirs
from cspm_opa.engine.binary import find_opa, run_opa
from cspm_opa.engine.capabilities import check_policies
from cspm_opa.engine.catalog import load_catalog
from cspm_opa.errors import PolicyError

__all__ = ["BundleInfo", "build_bundle"]


def _not_policy(directory: str, names: list[str]) -> set[str]:
    """Copy Rego policies only: no tests, YAML sources, or other files."""
    base = Path(directory)
    return {
        n
        for n in names
        if not (base / n).is_dir() and (not n.endswith(".rego") or n.endswith("_test.rego"))
    }


@dataclass(frozen=True)
class BundleInfo:
    path: Path
    revision: str
    checks: int


def build_bundle(
    output: Path,
    *,
    policies: Sequence[str | Path] = (),
    revision: str | None = None,
    allow_network: bool = False,
    opa_bin: str | Path | None = None,
) -> BundleInfo:
    """``opa build`` the built-in pack, the user's checks and compiled YAML checks.

    The same checks as a local scan run: capabilities enforced, catalog validated, tests
    and YAML sources left out. The bundle's roots are ``cspm``, so it coexists with other
    bundles on the same server.
    """
    opa = find_opa(opa_bin)
    revision = revision or f"cspm-opa-{__version__}"
    with tempfile.TemporaryDirectory(prefix="cspm-bundle-") as tmp:
        work = Path(tmp)
        dirs = prepare_policy_dirs(policies, work, opa)
        check_policies(opa, dirs, work, allow_network=allow_network)
        catalog = load_catalog(dirs, opa)
        # Stage a bundle directory so paths inside the bundle are relative and say where
        # each file came from, not where it sat on this machine.
        stage = work / "bundle"
        for i, directory in enumerate(dirs):
            label = "builtin" if i == 0 else f"{i:02d}-{directory.name}"
            shutil.copytree(directory, stage / label, ignore=_not_policy)
        (stage / ".manifest").write_text(
            json.dumps({"revision": revision, "roots": ["cspm"]}), encoding="utf-8"
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        proc = run_opa(opa, ["build", "--bundle", "-o", str(output.resolve()), "."], cwd=stage)
        if proc.returncode != 0:
            raise PolicyError(f"opa build failed:\n{proc.stderr.strip() or proc.stdout.strip()}")
    return BundleInfo(output, revision, len(catalog.policies))
