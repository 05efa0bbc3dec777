"""Loads the JSON Schemas and validates documents against them, reporting every error.

Snapshots are checked in two layers: the envelope (schemas/snapshot.json), then every
resource against the schema of its type (schemas/resources/<type>.json). Errors carry a
JSON path such as ``resources.aws_s3_bucket["arn:aws:s3:::logs"].config.versioning``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import fastjsonschema
import jsonschema
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from cspm_opa._paths import schemas_dir
from cspm_opa.errors import ValidationIssue
from cspm_opa.schema_cache import compiled_validator

__all__ = [
    "SchemaStore",
    "default_store",
    "json_path",
]

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def json_path(parts: Iterable[str | int]) -> str:
    """Render a path as ``a.b[0]["odd key"]``; the empty path is ``$``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENT.match(part):
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(part)}]"
    return out or "$"


class SchemaStore:
    """The schemas of one directory, with validators built once and reused."""

    def __init__(self, root: Path):
        self.root = root
        docs: dict[str, dict[str, Any]] = {}
        for path in sorted(root.rglob("*.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            docs[str(path.relative_to(root))] = doc
        self._docs = docs
        self._registry: Registry[Any] = Registry().with_resources(
            (doc["$id"], Resource.from_contents(doc, default_specification=DRAFT202012))
            for doc in docs.values()
            if "$id" in doc
        )
        self._validators: dict[str, Validator] = {}
        self._fast: dict[str, Any] = {}

    def document(self, name: str) -> dict[str, Any]:
        """The raw schema, by its path relative to the schemas directory."""
        return self._docs[name]

    def resource_types(self) -> list[str]:
        """Every resource type that has a schema."""
        return sorted(Path(name).stem for name in self._docs if name.startswith("resources" + "/"))

    def has_resource_type(self, resource_type: str) -> bool:
        return f"resources/{resource_type}.json" in self._docs

    def validator(self, name: str) -> Validator:
        found = self._validators.get(name)
        if found is None:
            cls = jsonschema.validators.validator_for(self._docs[name])
            found = cls(
                self._docs[name],
                registry=self._registry,
                format_checker=cls.FORMAT_CHECKER,
            )
            self._validators[name] = found
        return found

    def _fast_validator(self, name: str) -> Any:
        """A compiled validator for schema ``name``, refs inlined: the fast path.

        The keywords our schemas use mean the same in draft 7, which fastjsonschema
        compiles to Python; it answers "valid" about twenty times faster than walking
        the schema, and only documents it rejects are walked again for every error.
        """
        found = self._fast.get(name)
        if found is None:
            inlined = _inline(self._docs[name], self)
            inlined.pop("$defs", None)
            inlined["$schema"] = "http://json-schema.org/draft-07/schema#"
            found = compiled_validator(inlined)  # kept between runs: see schema_cache
            self._fast[name] = found
        return found

    def issues(
        self, name: str, instance: Any, prefix: tuple[str | int, ...] = ()
    ) -> Iterator[ValidationIssue]:
        """Every violation of schema ``name`` by ``instance``, each with its JSON path."""
        try:
            self._fast_validator(name)(instance)
            return
        except fastjsonschema.JsonSchemaValueException as fast_error:
            first = fast_error
        errors = sorted(
            self.validator(name).iter_errors(instance), key=lambda e: list(map(str, e.path))
        )
        for error in errors:
            yield ValidationIssue(json_path((*prefix, *error.path)), _describe(error))
        if not errors:
            where = [p for p in (first.path or [])[1:] if isinstance(p, str | int)]
            yield ValidationIssue(json_path((*prefix, *where)), str(first.message))

    def snapshot_issues(self, doc: Any) -> list[ValidationIssue]:
        """Validate a snapshot: the envelope, then each resource against its type's schema."""
        issues = list(self.issues("snapshot.json", doc))
        if issues or not isinstance(doc, Mapping):
            return issues
        for rtype, by_id in doc["resources"].items():
            if not self.has_resource_type(rtype):
                issues.append(
                    ValidationIssue(
                        json_path(("resources", rtype)),
                        f"unknown resource type {rtype!r} (no schema in schemas/resources/)",
                    )
                )
                continue
            schema = f"resources/{rtype}.json"
            config_fields = set(self._docs[schema]["properties"]["config"]["properties"])
            fast = self._fast_validator(schema)
            for rid, resource in by_id.items():
                where = ("resources", rtype, rid)
                try:  # the compiled validator, called directly: most resources are valid
                    fast(resource)
                except fastjsonschema.JsonSchemaValueException:
                    issues.extend(self.issues(schema, resource, where))
                if isinstance(resource, Mapping) and (
                    resource.get("id") != rid or resource.get("unknown")
                ):
                    issues.extend(_identity_issues(rid, resource, where))
                    for i, name in enumerate(resource.get("unknown", ())):
                        if name not in config_fields:
                            issues.append(
                                ValidationIssue(
                                    json_path((*where, "unknown", i)),
                                    f"{name!r} is not a config field of {rtype}",
                                )
                            )
        return issues

    def type_check_schema(self) -> dict[str, Any]:
        """The input schema that ``opa check --strict --schema`` checks policies against.

        OPA's type checker cannot see through maps keyed by id (additionalProperties), so
        each resource type appears as an object whose one static property stands for every
        resource; refs are inlined. A policy that reads a field the schema lacks then fails
        to compile, naming the file and line.
        """
        envelope: dict[str, Any] = _inline(self._docs["snapshot.json"], self)
        by_type = {
            rtype: {
                "type": "object",
                "properties": {"*": _inline(self._docs[f"resources/{rtype}.json"], self)},
            }
            for rtype in self.resource_types()
        }
        envelope["properties"]["resources"] = {"type": "object", "properties": by_type}
        # path rules (cspm.paths.*) read input.graph; keyed maps get the same "*" stand-in
        graph: dict[str, Any] = _inline(self._docs["graph.json"], self)
        for name in ("nodes", "edges", "adjacency"):
            keyed = graph["properties"][name]
            graph["properties"][name] = {
                "type": "object",
                "properties": {"*": keyed["additionalProperties"]},
            }
        graph["properties"]["types"] = {
            "type": "object",
            "properties": {
                rtype: {"type": "array", "items": {"type": "string"}}
                for rtype in [*self.resource_types(), "internet"]
            },
        }
        envelope["properties"]["graph"] = graph
        return envelope

    def resolve(self, ref: str, base: str) -> Any:
        resolver = self._registry.resolver(base_uri=base)
        return resolver.lookup(ref).contents


def _identity_issues(
    rid: str, resource: Mapping[str, Any], where: tuple[str | int, ...]
) -> Iterator[ValidationIssue]:
    if resource.get("id") != rid:
        yield ValidationIssue(
            json_path((*where, "id")), f"id {resource.get('id')!r} differs from its key {rid!r}"
        )


def _inline(schema: Any, store: SchemaStore, base: str = "") -> Any:
    if isinstance(schema, dict):
        base = schema.get("$id", base)
        if "$ref" in schema:
            target = store.resolve(schema["$ref"], base)
            merged = {k: v for k, v in schema.items() if k != "$ref"}
            merged.update(_inline(target, store, _join(base, schema["$ref"])))
            return merged
        return {
            k: _inline(v, store, base) for k, v in schema.items() if k not in ("$id", "$schema")
        }
    if isinstance(schema, list):
        return [_inline(v, store, base) for v in schema]
    return schema


def _join(base: str, ref: str) -> str:
    return urljoin(base, ref.split("#", 1)[0]) if not ref.startswith("#") else base


def _describe(error: jsonschema.ValidationError) -> str:
    schema = error.schema
    if (
        error.validator == "additionalProperties"
        and isinstance(error.instance, dict)
        and isinstance(schema, Mapping)
    ):
        allowed = set(schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        return f"unexpected field(s) {', '.join(map(repr, extra))}"
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    return error.message


@cache
def default_store() -> SchemaStore:
    """The schemas shipped with cspm-opa, loaded once."""
    return SchemaStore(schemas_dir())
