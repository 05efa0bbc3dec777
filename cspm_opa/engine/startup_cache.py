"""A cache of what a run learns from the policies alone: that they compile under the
offline capabilities, and the catalog read from them.

Every LocalOpa start used to run ``opa capabilities``, ``opa check``, ``opa inspect`` and
an ``opa eval`` of the refs policy, and validate each check's METADATA: about 0.7 s of
fixed cost that depends only on the policy files, the schemas, the capabilities and the
``opa`` binary. The result is kept in one JSON file per key under the user's cache
directory (``$CSPM_OPA_CACHE_DIR``, else ``$XDG_CACHE_HOME/cspm-opa``, else
``~/.cache/cspm-opa``). The key is a SHA-256 over:

- every file below each policy directory (its position among the directories, its
  path inside it, its bytes), so editing, adding, removing or renaming a file misses;
- every file of the schemas directory;
- the offline capabilities document (the binary's own minus the network builtins) and
  whether network builtins were allowed;
- the ``opa`` binary's version, and the source of the cspm-opa code that
  reads the catalog.

Only a successful check is cached: a policy that fails compiles again, so its error is
OPA's, fresh. An entry holds its own key and a digest of its payload; one that cannot be
read, parsed, or verified, or whose payload does not rebuild a catalog, is ignored and
rebuilt, never trusted. Writes go through a temporary file and a rename, so a reader
never sees half an entry. A cache directory that cannot be written costs the cache, not
the run.

The binary's version and capabilities are themselves remembered per binary (its path,
size, modification time and inode), so a cached start runs no ``opa`` subcommand at all
before ``opa run``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import fields
from enum import Enum
from pathlib import Path
from typing import Any

from cspm_opa._paths import schemas_dir
from cspm_opa.engine.binary import run_opa
from cspm_opa.engine.capabilities import NETWORK_BUILTINS, check_policies, offline_capabilities
from cspm_opa.engine.catalog import Catalog, load_catalog
from cspm_opa.errors import EngineError
from cspm_opa.model import ComplianceRef, Policy, Severity
from cspm_opa.risk.rules import PathRule
from cspm_opa.user_cache import CACHE_ENV, cache_dir, read_entry, write_entry

__all__ = ["CACHE_ENV", "cache_dir", "checked_catalog", "startup_key"]

FORMAT = 1
_log = logging.getLogger(__name__)

# The code whose behaviour an entry records: a change to any of them misses.
_CODE = ("catalog.py", "capabilities.py", "splitting.py", "startup_cache.py")
_MODEL_CODE = ("model.py", "risk/rules.py", "schemas.py")


def _tree_digest(hasher: Any, label: str, root: Path) -> None:
    """Feed every file below ``root`` (or ``root`` itself) into ``hasher``, by its path
    relative to ``root`` so the same files elsewhere digest the same."""
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    for path in files:
        rel = path.name if path == root else path.relative_to(root).as_posix()
        data = path.read_bytes()
        hasher.update(f"{label}\0{rel}\0{len(data)}\0".encode())
        hasher.update(data)


@functools.cache
def _code_digest() -> str:
    """The digest of the catalog code's source, once per process: what is imported
    cannot change under a running process, whatever happens to the files later."""
    hasher = hashlib.sha256()
    here = Path(__file__).resolve().parent
    package = here.parent
    for path in [here / n for n in _CODE] + [package / n for n in _MODEL_CODE]:
        _tree_digest(hasher, f"code:{path.name}", path)
    return hasher.hexdigest()


def _binary_facts(opa: Path) -> dict[str, str]:
    """The binary's version and offline capabilities' digest, remembered per binary."""
    real = opa.resolve()
    st = real.stat()
    ident = hashlib.sha256(
        f"{real}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}".encode()
    ).hexdigest()
    path = cache_dir() / f"opa-{ident[:32]}.json"
    stored = read_entry(path, ident)
    if stored is not None and isinstance(stored.get("version"), str):
        caps = stored.get("capabilities_sha256")
        if isinstance(caps, str) and len(caps) == 64:
            return {"version": stored["version"], "capabilities_sha256": caps}
    with ThreadPoolExecutor(max_workers=2) as pool:
        version_future = pool.submit(run_opa, opa, ["version"])
        caps = offline_capabilities(opa)
        proc = version_future.result()
    if proc.returncode != 0:
        raise EngineError(f"opa version failed: {proc.stderr.strip()}")
    facts = {
        "version": proc.stdout.strip(),
        "capabilities_sha256": hashlib.sha256(
            json.dumps(caps, sort_keys=True).encode()
        ).hexdigest(),
    }
    write_entry(path, ident, facts)
    return facts


def startup_key(opa: Path, directories: Sequence[Path], *, allow_network: bool) -> str:
    """The cache key of a start with these policies, this binary and these flags."""
    facts = _binary_facts(opa)
    hasher = hashlib.sha256()
    hasher.update(f"format {FORMAT}\0".encode())
    hasher.update(f"opa\0{facts['version']}\0caps\0{facts['capabilities_sha256']}\0".encode())
    hasher.update(f"network\0{allow_network}\0{sorted(NETWORK_BUILTINS)}\0".encode())
    hasher.update(f"code\0{_code_digest()}\0".encode())
    _tree_digest(hasher, "schemas", schemas_dir())
    for i, directory in enumerate(directories):
        _tree_digest(hasher, f"policies:{i}", directory.resolve())
    return hasher.hexdigest()


def checked_catalog(
    opa: Path,
    directories: Sequence[Path],
    workdir: Path,
    *,
    allow_network: bool = False,
) -> Catalog:
    """``check_policies`` then ``load_catalog``, or what they gave last time for the same
    key. Errors are never cached: a failing check raises here every time."""
    dirs = [Path(d) for d in directories]
    try:
        key = startup_key(opa, dirs, allow_network=allow_network)
    except (OSError, EngineError) as exc:
        _log.debug("start-up cache unavailable: %s", exc)
        key = None
    path = cache_dir() / f"catalog-{key[:32]}.json" if key else None
    if path is not None and key is not None:
        payload = read_entry(path, key)
        if payload is not None:
            try:
                return _catalog_from(payload, dirs)
            except (KeyError, TypeError, ValueError, IndexError) as exc:
                _log.debug("start-up cache entry %s ignored: %s", path, exc)

    check_policies(opa, dirs, workdir, allow_network=allow_network)
    catalog = load_catalog(dirs, opa)
    if path is not None and key is not None:
        try:
            write_entry(path, key, _catalog_to(catalog))
        except TypeError as exc:  # a field this cache cannot encode: no entry
            _log.debug("start-up cache not written: %s", exc)
    return catalog


# Paths inside an entry are stored relative to the policy directory they sit in, so an
# entry made with the YAML checks compiled into one temporary directory serves the next
# run's, and a pack that moved serves from its new place.


def _rel(value: str, dirs: Sequence[Path]) -> list[Any]:
    for i, directory in enumerate(dirs):
        root = str(directory)
        if value == root or value.startswith(root + os.sep):
            return [i, value[len(root) :].lstrip(os.sep)]
    return [None, value]


def _abs(stored: list[Any], dirs: Sequence[Path]) -> str:
    index, rest = stored
    if index is None:
        return str(rest)
    base = str(dirs[int(index)])
    return os.path.join(base, str(rest)) if rest else base


def _encode(name: str, value: Any, dirs: Sequence[Path]) -> Any:
    """One field of a Policy or PathRule as JSON, tagged where JSON has no such type."""
    if name == "file" and isinstance(value, str):
        return {"$path": _rel(value, dirs)}
    if isinstance(value, Enum):
        return {"$enum": value.value}
    if isinstance(value, frozenset):
        return {"$set": sorted(_strings(list(value)))}
    if isinstance(value, tuple) and all(isinstance(v, ComplianceRef) for v in value):
        return {"$refs": [[c.framework, c.control] for c in value]}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"cannot cache field {name} of type {type(value).__name__}")


_SCALARS: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "bool": (bool,),
    "int": (int,),
    "float": (int, float),
    "str | None": (str, type(None)),
}
_TAGS = {
    "Severity": "$enum",
    "frozenset[str]": "$set",
    "tuple[ComplianceRef, ...]": "$refs",
}


def _decode(kind: type[Any], name: str, annotation: str, value: Any, dirs: Sequence[Path]) -> Any:
    """A stored field back as ``annotation`` says it must be; ValueError if it is not."""
    if name == "file":
        if not (isinstance(value, dict) and set(value) == {"$path"}):
            raise ValueError(f"field {name}: not a stored path")
        return _abs(value["$path"], dirs)
    if annotation in _SCALARS:
        if not isinstance(value, _SCALARS[annotation]) or (
            annotation != "bool" and isinstance(value, bool)
        ):
            raise ValueError(f"field {name}: {value!r} is not {annotation}")
        return value
    tag = _TAGS.get(annotation)
    if tag is None or not (isinstance(value, dict) and set(value) == {tag}):
        raise ValueError(f"field {name}: {value!r} is not a stored {annotation}")
    inner = value[tag]
    if tag == "$enum":
        return _ENUMS[(kind.__name__, name)](inner)
    if tag == "$set":
        return frozenset(_strings(inner))
    return tuple(ComplianceRef(str(f), str(c)) for f, c in inner)


_ENUMS: dict[tuple[str, str], type[Enum]] = {("Policy", "severity"): Severity}


def _record(item: Any, dirs: Sequence[Path]) -> dict[str, Any]:
    return {f.name: _encode(f.name, getattr(item, f.name), dirs) for f in fields(item)}


def _rebuild(kind: type[Any], stored: dict[str, Any], dirs: Sequence[Path]) -> Any:
    annotations = {f.name: str(f.type) for f in fields(kind)}
    if set(stored) != set(annotations):
        raise ValueError(f"{kind.__name__} fields differ from the entry's")
    return kind(**{n: _decode(kind, n, annotations[n], v, dirs) for n, v in stored.items()})


def _catalog_to(catalog: Catalog) -> dict[str, Any]:
    dirs = catalog.directories
    return {
        "directories": len(dirs),
        "policies": [_record(p, dirs) for p in catalog.policies],
        "paths": [_record(r, dirs) for r in catalog.paths],
    }


def _strings(values: Any) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TypeError("a list of strings was expected")
    return values


def _catalog_from(payload: dict[str, Any], directories: Sequence[Path]) -> Catalog:
    dirs = tuple(d.resolve() for d in directories)
    if payload["directories"] != len(dirs):
        raise ValueError("the entry was made for another number of policy directories")
    policies = tuple(_rebuild(Policy, p, dirs) for p in payload["policies"])
    paths = tuple(_rebuild(PathRule, r, dirs) for r in payload["paths"])
    return Catalog(policies, dirs, paths)
