"""Compiled schema validators, kept between runs.

fastjsonschema turns a schema into Python source, which Python then compiles: about
45 ms a schema, and a scan validates against some thirty of them (the envelope and each
resource type), over a second of every run. The compiled code object is kept in the
user's cache directory (:mod:`cspm_opa.user_cache`) as marshal data, keyed by a SHA-256
of the schema itself, the fastjsonschema version and the Python version and bytecode
magic number (marshal data is only valid for the interpreter that wrote it). Loading it
back takes a few milliseconds. An entry is used only when its key and payload digest
verify; anything else is compiled afresh and the entry rewritten.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import logging
import marshal
import sys
from collections.abc import Callable
from typing import Any

import fastjsonschema

from cspm_opa.user_cache import cache_dir, read_entry, write_entry

__all__ = ["compiled_validator"]

_log = logging.getLogger(__name__)
_FUNCTION = "validate"
"""The name fastjsonschema gives the validator of a schema without an $id."""


def _key(schema: dict[str, Any]) -> str:
    text = json.dumps(schema, sort_keys=True, separators=(",", ":"))
    versions = (
        f"fastjsonschema {fastjsonschema.VERSION}\0python {sys.version}\0"
        f"magic {importlib.util.MAGIC_NUMBER.hex()}\0"
    )
    return hashlib.sha256((versions + text).encode()).hexdigest()


def _load(code: Any) -> Callable[[Any], Any] | None:
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    found = namespace.get(_FUNCTION)
    return found if callable(found) else None


def compiled_validator(schema: dict[str, Any]) -> Callable[[Any], Any]:
    """fastjsonschema's validator of ``schema`` (refs already inlined, no $id): from the
    cache when a verified entry exists, else compiled and stored."""
    if "$id" in schema:  # named otherwise; not worth caching
        return fastjsonschema.compile(schema)
    key = _key(schema)
    path = cache_dir() / f"validator-{key[:32]}.json"
    payload = read_entry(path, key)
    if payload is not None:
        try:
            found = _load(marshal.loads(base64.b64decode(payload["code"], validate=True)))
        except (KeyError, TypeError, ValueError, EOFError, SyntaxError) as exc:
            _log.debug("validator cache entry %s ignored: %s", path, exc)
            found = None
        if found is not None:
            return found
    source = fastjsonschema.compile_to_code(schema)
    code = compile(source, f"<validator {key[:12]}>", "exec")
    found = _load(code)
    if found is None:
        return fastjsonschema.compile(schema)
    write_entry(path, key, {"code": base64.b64encode(marshal.dumps(code)).decode("ascii")})
    return found
