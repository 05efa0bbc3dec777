"""Where the built-in Rego pack and the schemas live: beside the package when installed
from a wheel (cspm_opa/_bundled), or at the repository root in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _data_root() -> Path:
    bundled = _PACKAGE / "_bundled"
    if (bundled / "rego").is_dir():
        return bundled
    return _PACKAGE.parent


def rego_dir() -> Path:
    """The built-in policy pack (lib/, main.rego and the checks)."""
    return _data_root() / "rego"


def schemas_dir() -> Path:
    """The JSON Schemas: snapshot envelope, resources/, scan_result.json, policy_metadata.json."""
    return _data_root() / "schemas"
