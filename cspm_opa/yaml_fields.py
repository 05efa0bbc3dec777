"""Whether a ``resource.<path>`` in a YAML check names a field of its type's schema
(schemas/resources/<type>.json), and the nearest fields when it does not.

``opa check --strict`` finds the same refs, but cannot say that a field the seed writes at
the top level lives under ``resource.config``, or which field of a deeper path was meant.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from cspm_opa.schemas import default_store

__all__ = ["field_problem"]

_Path = tuple[str | int, ...]


@cache
def _schema(rtype: str) -> dict[str, Any]:
    envelope = default_store().type_check_schema()
    schema: dict[str, Any] = envelope["properties"]["resources"]["properties"][rtype]
    return dict(schema["properties"]["*"])


def _branches(node: Any) -> list[dict[str, Any]]:
    if not isinstance(node, dict):
        return []
    alternatives = node.get("anyOf") or node.get("oneOf")
    if alternatives:
        return [b for alt in alternatives for b in _branches(alt)]
    return [node]


def _step(node: dict[str, Any], part: str | int) -> list[dict[str, Any]] | None:
    """The schemas ``part`` leads to from ``node``; None when ``node`` is open (any field)."""
    if isinstance(part, int) or part == "*":
        items = node.get("items")
        if isinstance(items, dict):
            return _branches(items)
        if "properties" not in node and isinstance(node.get("additionalProperties"), dict):
            return _branches(node["additionalProperties"])
        return None if node.get("type") in (None, ["array", "null"], "array") else []
    props = node.get("properties", {})
    if part in props:
        return _branches(props[part])
    extra = node.get("additionalProperties")
    if isinstance(extra, dict):
        return _branches(extra)
    if extra is None and not props and "items" not in node:
        return None
    return []


def _exists(rtype: str, path: _Path) -> bool:
    nodes = _branches(_schema(rtype))
    for part in path:
        following: list[dict[str, Any]] = []
        for node in nodes:
            step = _step(node, part)
            if step is None:
                return True
            following += step
        if not following:
            return False
        nodes = following
    return True


def _paths(node: Any, prefix: tuple[str, ...] = (), depth: int = 0) -> Iterator[tuple[str, ...]]:
    for branch in _branches(node):
        for name, child in branch.get("properties", {}).items():
            yield (*prefix, name)
            if depth < 6:
                yield from _paths(child, (*prefix, name), depth + 1)
        items = branch.get("items")
        if isinstance(items, dict) and prefix:
            yield from _paths(items, (*prefix[:-1], f"{prefix[-1]}[_]"), depth + 1)


def _show(path: Sequence[str]) -> str:
    return "resource." + ".".join(path).replace(".[_]", "[_]")


def field_problem(rtype: str, text: str, path: _Path) -> str | None:
    """None when ``resource<path>`` is a field of ``rtype``; else why, with the nearest."""
    if _exists(rtype, path):
        return None
    if _exists(rtype, ("config", *path)):
        shown = text.replace("resource.", "resource.config.", 1)
        return (
            f"{text} is not a field of {rtype}; did you mean {shown}? ({rtype}'s own fields "
            "live under resource.config)"
        )
    names = [p for p in path if isinstance(p, str) and p != "*"]
    scored = []
    for candidate in set(_paths(_schema(rtype))):
        bare = [c.removesuffix("[_]") for c in candidate]
        if bare == names[: len(bare)] or ["config", *names][: len(bare)] == bare:
            continue  # an ancestor of what was written is not a suggestion
        shared = sum(1 for n in names if n in bare)
        ratio = difflib.SequenceMatcher(None, ".".join(names), ".".join(bare)).ratio()
        last = difflib.SequenceMatcher(None, names[-1] if names else "", bare[-1]).ratio()
        if last >= 0.5 or shared > names[:1].count("config") or ratio > 0.6:
            scored.append((-shared, -last, -ratio, len(candidate), candidate))
    near = [_show(s[-1]) for s in sorted(scored)[:3]]
    if not near:
        return f"{text} is not a field of {rtype} (schemas/resources/{rtype}.json)"
    moved = path[:1] != ("config",) and near[0].startswith("resource.config.")
    under = f" ({rtype}'s own fields live under resource.config)" if moved else ""
    others = f" (also near: {', '.join(near[1:])})" if near[1:] else ""
    return f"{text} is not a field of {rtype}; did you mean {near[0]}?{under}{others}"
