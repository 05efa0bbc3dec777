"""The one interface the evaluator needs from an engine."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import orjson

from cspm_opa._paths import rego_dir
from cspm_opa.engine.catalog import Catalog
from cspm_opa.engine.client import EvalResponse, OpaHttp

__all__ = ["ENTRYPOINT", "PATHS_ENTRYPOINT", "Engine", "policy_dirs"]

ENTRYPOINT = "cspm/main/results"
PATHS_ENTRYPOINT = "cspm/main/paths"


def policy_dirs(extra: Sequence[str | Path] = ()) -> list[Path]:
    """The built-in pack followed by the user's directories."""
    return [rego_dir(), *(Path(p) for p in extra)]


def prepare_policy_dirs(extra: Sequence[str | Path], workdir: Path, opa: Path) -> list[Path]:
    """The directories to load: the built-in pack, the user's, and (when the user's hold
    YAML checks) the Rego compiled from them into ``workdir``."""
    from cspm_opa.errors import PolicyError
    from cspm_opa.yaml_checks import compile_yaml_checks

    dirs = policy_dirs(extra)
    for directory in dirs[1:]:
        if not directory.exists():
            raise PolicyError(f"policy directory does not exist: {directory}")
    generated = workdir / "yaml-checks"
    if compile_yaml_checks(dirs[1:], generated, opa):
        dirs.append(generated)
    return dirs


class Engine(ABC):
    """An OPA server that holds the policies of ``catalog`` and answers the entrypoint."""

    catalog: Catalog

    @property
    @abstractmethod
    def http(self) -> OpaHttp:
        """The connection to the server."""

    def evaluate_document(self, document: Mapping[str, Any]) -> EvalResponse:
        """Evaluate every check over one snapshot document, in one request."""
        # orjson: a 100k-resource snapshot encodes in a sixth of json.dumps' time.
        return self.http.query(ENTRYPOINT, orjson.dumps({"input": document}))

    def evaluate_paths(self, graph: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
        """Run every attack-path rule over the scan's graph, in one request: what each
        rule found, by its package path below cspm.paths."""
        from cspm_opa.errors import EngineError

        answer = self.http.query(PATHS_ENTRYPOINT, orjson.dumps({"input": {"graph": graph}}))
        result = answer.result if answer.result is not None else {}
        if not isinstance(result, dict):
            raise EngineError(f"{PATHS_ENTRYPOINT} returned {type(result).__name__}, not an object")
        return {str(k): list(v) for k, v in result.items()}

    @abstractmethod
    def close(self) -> None:
        """Release the server (stop it, if this engine started it)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
