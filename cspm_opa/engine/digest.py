"""A digest of the checks an engine holds, the same however they were loaded.

Two OPA servers serve the same catalog when the Rego of their ``cspm`` packages is the
same text. Paths differ by how the policies were loaded (a directory on one machine, a
bundle made by ``cspm-opa bundle`` on another), so the digest is taken over the module
texts alone, sorted: tests and modules outside ``cspm`` (a server's ``system.authz``,
another team's bundle) do not count.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cspm_opa.engine.catalog import rego_files
from cspm_opa.errors import EngineError

__all__ = ["directory_digest", "module_digest", "server_digest"]

_PACKAGE = re.compile(r"^package\s+([\w.]+)", re.MULTILINE)


def _counts(name: str, text: str) -> bool:
    if name.endswith("_test.rego"):
        return False
    match = _PACKAGE.search(text)
    return match is not None and (match.group(1) + ".").startswith("cspm.")


def module_digest(modules: Iterable[tuple[str, str]]) -> str:
    """The digest of (file name or policy id, Rego text) pairs: ``sha256:<hex>``."""
    texts = sorted(
        hashlib.sha256(text.encode("utf-8")).hexdigest()
        for name, text in modules
        if _counts(name, text)
    )
    return "sha256:" + hashlib.sha256("\n".join(texts).encode("ascii")).hexdigest()


def directory_digest(directories: Sequence[Path]) -> str:
    """The digest of the policies below ``directories`` (as an engine loads them)."""
    return module_digest((str(f), f.read_text(encoding="utf-8")) for f in rego_files(directories))


def server_digest(policies: Any, where: str) -> tuple[str, set[str]]:
    """The digest of a server's ``GET /v1/policies`` answer, and its ``cspm`` packages."""
    if not isinstance(policies, dict) or not isinstance(policies.get("result"), list):
        raise EngineError(f"{where}: GET /v1/policies did not answer a list of policies")
    modules: list[tuple[str, str]] = []
    packages: set[str] = set()
    for entry in policies["result"]:
        name, text = str(entry.get("id", "")), str(entry.get("raw", ""))
        modules.append((name, text))
        if _counts(name, text):
            match = _PACKAGE.search(text)
            if match is not None:
                packages.add(match.group(1))
    return module_digest(modules), packages
