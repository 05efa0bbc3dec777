"""YAML files validated against a JSON Schema, with errors that name the file and line.

Used for every YAML the user writes: the estate scope, waivers, and custom checks.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from cspm_opa.errors import ConfigError
from cspm_opa.schemas import default_store, json_path

__all__ = ["YamlDocument", "load_yaml", "read_yaml", "schema_issues"]


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as the strings the user wrote ("2026-12-31"), so the
    schema's "format": "date" judges them and nothing is converted behind anyone's back."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlDocument:
    """Parsed YAML data plus the node tree, to turn a JSON path back into a line."""

    def __init__(self, source: str, data: Any, node: yaml.Node | None):
        self.source = source
        self.data = data
        self._node = node

    def line(self, path: Sequence[str | int]) -> int:
        """The 1-based line of the value at ``path`` (the nearest ancestor that exists)."""
        node = self._node
        line = node.start_mark.line + 1 if node is not None else 1
        for part in path:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == part:
                        node = value
                        line = key.start_mark.line + 1
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    return line
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line

    def value_line(self, path: Sequence[str | int]) -> int:
        """The line where the text of the scalar at ``path`` starts: the key's own line
        for ``key: value``, the next one for block scalars (``key: |``)."""
        line = self.line(path)
        node = self._node
        for part in path:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                node = node.value[part] if part < len(node.value) else None
            else:
                node = None
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            return line + 1
        return line

    def where(self, path: Sequence[str | int]) -> str:
        return f"{self.source}:{self.line(path)}"

    def error(self, path: Sequence[str | int], message: str) -> ConfigError:
        return ConfigError(f"{self.where(path)}: {json_path(path)}: {message}")


def load_yaml(path: str | os.PathLike[str], schema: str) -> YamlDocument:
    """Read a YAML file and validate it against ``schemas/<schema>``.

    Raises :class:`ConfigError` listing every problem as ``file:line: path: message``.
    """
    doc = read_yaml(path)
    issues = [message for _, message in schema_issues(doc, schema)]
    if issues:
        raise ConfigError("\n".join(issues))
    return doc


def read_yaml(path: str | os.PathLike[str]) -> YamlDocument:
    """Read and parse a YAML file without validating it; ConfigError names file and line."""
    source = os.fspath(path)
    try:
        text = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{source}: cannot read: {exc}") from exc
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{source}{line}: not valid YAML: {problem}") from exc
    return YamlDocument(source, data, node)


def schema_issues(doc: YamlDocument, schema: str) -> list[tuple[list[str | int], str]]:
    """Every way ``doc`` breaks ``schemas/<schema>``: (path, ``file:line: path: message``)."""
    issues = []
    for error in sorted(
        default_store().validator(schema).iter_errors(doc.data),
        key=lambda e: list(map(str, e.path)),
    ):
        where = list(error.path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            extra = [k for k in error.instance if k not in allowed]
            where += extra[:1]  # point at the offending key's own line
        issues.append((where, f"{doc.where(where)}: {json_path(where)}: {error.message}"))
    return issues
