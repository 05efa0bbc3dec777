"""Finding the ``opa`` binary and running its subcommands."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from cspm_opa._paths import rego_dir
from cspm_opa.errors import EngineError

__all__ = ["NOT_DATA", "NOT_POLICY", "find_opa", "ignore_args", "run_opa"]

ENV_VAR = "CSPM_OPA_BIN"

NOT_DATA = ("*.yaml", "*.yml")
"""YAML in a policy directory is a custom check (compiled separately), not OPA data."""

NOT_POLICY = ("*_test.rego", *NOT_DATA)
"""What the server and the compile checks do not load: tests and YAML checks."""


def ignore_args(patterns: Sequence[str]) -> list[str]:
    """``--ignore`` flags for opa run, check, test and build."""
    return [f"--ignore={p}" for p in patterns]


def find_opa(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Locate ``opa``: the argument, then $CSPM_OPA_BIN, then PATH, then the one
    ``make install`` builds into .tools/bin of a source checkout."""
    candidates: list[tuple[str, str | None]] = [
        ("argument", os.fspath(explicit) if explicit else None),
        (ENV_VAR, os.environ.get(ENV_VAR) or None),
        ("PATH", shutil.which("opa")),
        (".tools/bin", str(_checkout_tools_opa())),
    ]
    for origin, value in candidates:
        if not value:
            continue
        path = Path(value)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        if origin in ("argument", ENV_VAR):
            raise EngineError(f"opa binary given by {origin} is not an executable file: {path}")
    raise EngineError(
        "no opa binary found: pass one, set CSPM_OPA_BIN, put opa on PATH, "
        "or run `make install` in the cspm-opa checkout to build the pinned version"
    )


def _checkout_tools_opa() -> Path:
    return rego_dir().parent / ".tools" / "bin" / "opa"


def run_opa(
    opa: Path,
    args: Sequence[str],
    *,
    input_text: str | None = None,
    timeout: float = 300,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``opa ARGS``; the caller inspects the return code and OPA's own output."""
    try:
        return subprocess.run(
            [str(opa), *args],
            input=input_text,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            cwd=cwd,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EngineError(f"could not run {opa} {' '.join(args[:1])}: {exc}") from exc
