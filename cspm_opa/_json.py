"""JSON in and out through orjson, the one encoder every file and stream we write uses.

A 100k-resource scan result encodes in a small fraction of ``json.dumps(indent=2)``'s
time. The text is the same as ``json.dumps(value, indent=2)`` gives, except that non-ASCII
characters are written as UTF-8 rather than ``\\uXXXX`` escapes (both are valid JSON and
decode to the same value).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

__all__ = ["JSONDecodeError", "dumps", "dumps_text", "loads"]

JSONDecodeError = orjson.JSONDecodeError
"""A subclass of :class:`json.JSONDecodeError`: ``msg``, ``lineno`` and ``colno`` hold."""

loads = orjson.loads


def _default(value: Any) -> Any:
    # json.dumps accepts only dicts; read-only mappings (MappingProxyType, ...) are dicts too.
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def dumps(value: Any, *, indent: bool = True, sort_keys: bool = False) -> bytes:
    """UTF-8 JSON; with ``indent``, two spaces per level and a final newline."""
    option = orjson.OPT_NON_STR_KEYS
    if indent:
        option |= orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
    if sort_keys:
        option |= orjson.OPT_SORT_KEYS
    return orjson.dumps(value, default=_default, option=option)


def dumps_text(value: Any, *, indent: bool = True) -> str:
    """:func:`dumps` as a ``str``, for APIs that return text."""
    return dumps(value, indent=indent).decode("utf-8")
