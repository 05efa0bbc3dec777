"""What runs on a Dask worker: its own LocalOpa, started once per process and reused.

A worker need not share the client's disk. The built-in pack is the worker's own (the
same cspm-opa release), and the client's custom checks arrive as the bytes of a bundle
built by ``cspm-opa bundle``; the worker unpacks it and starts ``opa`` (found through
``CSPM_OPA_BIN``) on both. Before answering anything it compares the digest of the
policies it loaded with the client's, so a worker on another release fails the task with
a clear error instead of judging with other checks.
"""

from __future__ import annotations

import atexit
import io
import multiprocessing.util
import tarfile
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from cspm_opa.engine.client import EvalResponse
from cspm_opa.engine.digest import directory_digest
from cspm_opa.engine.local import LocalOpa
from cspm_opa.errors import EngineError, OpaRequestError

__all__ = ["PolicySource", "evaluate_part", "prepare", "shutdown_engines", "worker_state"]

BUILTIN = "builtin"
"""The bundle's directory of the built-in pack (see cspm_opa.bundle)."""


@dataclass(frozen=True)
class PolicySource:
    """Which checks a worker must hold: picklable, and free of secrets."""

    digest: str
    """:func:`~cspm_opa.engine.digest.directory_digest` of the client's policies."""
    bundle: bytes | None = None
    """The custom checks, as a ``cspm-opa bundle`` tarball (None: the built-in pack only)."""
    allow_network: bool = False


_LOCK = threading.Lock()
_ENGINES: dict[str, LocalOpa] = {}
_DIRS: list[tempfile.TemporaryDirectory[str]] = []


def evaluate_part(source: PolicySource, document: Mapping[str, Any]) -> EvalResponse:
    """The task: evaluate one snapshot (or part) on this process's LocalOpa."""
    engine = _engine(source)
    try:
        return engine.evaluate_document(document)
    except OpaRequestError as exc:
        # Its constructor takes three arguments, which pickling back to the client loses.
        raise EngineError(str(exc)) from None


def prepare(source: PolicySource) -> str:
    """Start this process's OPA for ``source`` ahead of the first task (``client.run``
    sends it to every worker at once); its policy digest."""
    return directory_digest(_engine(source).directories)


def _engine(source: PolicySource) -> LocalOpa:
    with _LOCK:
        engine = _ENGINES.get(source.digest)
        if engine is not None and engine.http.healthy():
            return engine
        if engine is not None:  # its opa died: start another
            engine.close()
            del _ENGINES[source.digest]
        custom = _unpack(source.bundle) if source.bundle else []
        engine = LocalOpa(custom, allow_network=source.allow_network)
        found = directory_digest(engine.directories)
        if found != source.digest:
            engine.close()
            raise EngineError(
                f"the Dask worker's policies ({found}) differ from the client's "
                f"({source.digest}): install the same cspm-opa release on the workers"
            )
        if not _ENGINES:
            _register_shutdown()
        _ENGINES[source.digest] = engine
        return engine


def _unpack(bundle: bytes) -> list[Path]:
    """The bundle's Rego outside its built-in copy, one directory per source directory."""
    tmp = tempfile.TemporaryDirectory(prefix="cspm-opa-worker-")
    _DIRS.append(tmp)
    root = Path(tmp.name)
    dirs: set[Path] = set()
    with tarfile.open(fileobj=io.BytesIO(bundle), mode="r:gz") as tar:
        for member in tar.getmembers():
            name = PurePosixPath(member.name.lstrip("/"))
            if not member.isfile() or name.suffix != ".rego" or len(name.parts) < 2:
                continue
            if name.parts[0] == BUILTIN or ".." in name.parts:
                continue
            data = tar.extractfile(member)
            if data is None:
                continue
            target = root.joinpath(*name.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data.read())
            dirs.add(root / name.parts[0])
    return sorted(dirs)


def shutdown_engines() -> None:
    """Stop this process's OPA servers (at exit, also of a Dask worker process)."""
    with _LOCK:
        for engine in _ENGINES.values():
            engine.close()
        _ENGINES.clear()
        for tmp in _DIRS:
            tmp.cleanup()
        _DIRS.clear()


def _register_shutdown() -> None:
    atexit.register(shutdown_engines)
    # A Dask worker process is a multiprocessing child, which leaves by os._exit:
    # atexit does not run there, multiprocessing's finalizers do.
    multiprocessing.util.Finalize(None, shutdown_engines, exitpriority=10)


def worker_state() -> dict[str, int]:
    """What this process holds for cspm-opa: OPA servers started, AWS accounts and Azure
    requests with a session (``client.run(worker_state)`` asks every Dask worker)."""
    from cspm_opa.scale import azure, collect

    return {
        "engines": len(_ENGINES),
        "sessions": len(collect._TARGETS),
        "azure_sessions": len(azure._SESSIONS),
    }
